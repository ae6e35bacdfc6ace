package dev.conveyor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.bench.JfrSummary.Frame;
import dev.conveyor.bench.JfrSummary.Share;
import java.util.List;
import org.junit.jupiter.api.Test;

class JfrSummaryTests {

  private static final Frame LINKED_LIST_REMOVE = new Frame("java.util.LinkedList", "remove");
  private static final Frame TIMER_UNLOCK =
      new Frame(
          "io.temporal.internal.testservice.SelfAdvancingTimerImpl$TimerLockHandle",
          "unlockFromHandleLocked");
  private static final Frame NETTY_READ =
      new Frame("io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoop", "epollWait");
  private static final Frame PROJECTION =
      new Frame("dev.conveyor.workflow.JobProjection", "collectNewEvents");

  @Test
  void should_group_a_class_under_its_most_specific_known_prefix() {
    assertThat(JfrSummary.group(TIMER_UNLOCK.className()))
        .isEqualTo("io.temporal.internal.testservice");
    assertThat(JfrSummary.group("io.temporal.internal.worker.ActivityWorker"))
        .isEqualTo("io.temporal.internal.worker");
    assertThat(JfrSummary.group(NETTY_READ.className())).isEqualTo("io.grpc.netty.shaded.io.netty");
    assertThat(JfrSummary.group("io.grpc.internal.ServerImpl")).isEqualTo("io.grpc");
    assertThat(JfrSummary.group(PROJECTION.className())).isEqualTo("dev.conveyor");
    assertThat(JfrSummary.group("dev.conveyor.bench.ProfileBench")).isEqualTo("dev.conveyor.bench");
    assertThat(JfrSummary.group("org.h2.engine.Session")).isEqualTo("org.h2");
  }

  @Test
  void should_count_a_jdk_frame_for_the_code_that_called_it() {
    JfrSummary summary = new JfrSummary();

    summary.cpuSample(List.of(LINKED_LIST_REMOVE, TIMER_UNLOCK, NETTY_READ));
    summary.cpuSample(List.of(LINKED_LIST_REMOVE, TIMER_UNLOCK));
    summary.cpuSample(List.of(NETTY_READ));
    summary.cpuSample(List.of(PROJECTION));

    List<Share> groups = summary.hottestGroups(10);
    assertThat(groups)
        .extracting(Share::key)
        .containsExactly(
            "io.temporal.internal.testservice", "dev.conveyor", "io.grpc.netty.shaded.io.netty");
    assertThat(groups.get(0).share()).isEqualTo(0.5);
    assertThat(groups.get(0).detail())
        .isEqualTo(
            "LinkedList.remove < SelfAdvancingTimerImpl$TimerLockHandle.unlockFromHandleLocked 50%");
    assertThat(summary.describeCpu(1))
        .startsWith("4 samples: io.temporal.internal.testservice 50.0%");
  }

  @Test
  void should_keep_only_the_hottest_groups() {
    JfrSummary summary = new JfrSummary();
    summary.cpuSample(List.of(PROJECTION));
    summary.cpuSample(List.of(PROJECTION));
    summary.cpuSample(List.of(NETTY_READ));

    assertThat(summary.hottestGroups(1)).extracting(Share::key).containsExactly("dev.conveyor");
  }

  @Test
  void should_weigh_allocation_sites_by_bytes_and_leave_out_the_benchmark_harness() {
    JfrSummary summary = new JfrSummary();
    Frame copy = new Frame("java.util.Arrays", "copyOf");

    summary.allocationSample(List.of(copy, PROJECTION), "byte[]", 3_000);
    summary.allocationSample(List.of(NETTY_READ), "io.netty.buffer.PooledByteBuf", 1_000);
    summary.allocationSample(
        List.of(copy, new Frame("dev.conveyor.bench.Timing", "onThreads")), "byte[]", 50_000);

    assertThat(summary.allocatedBytes()).isEqualTo(4_000);
    assertThat(summary.topAllocationSites(5))
        .extracting(Share::key, Share::share)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("JobProjection.collectNewEvents (byte[])", 0.75),
            org.assertj.core.groups.Tuple.tuple("EpollEventLoop.epollWait (PooledByteBuf)", 0.25));
  }

  @Test
  void should_say_so_when_a_recording_holds_no_samples() {
    JfrSummary summary = new JfrSummary();

    assertThat(summary.describeCpu(10)).isEqualTo("no CPU samples");
    assertThat(summary.describeAllocations(5)).isEqualTo("no allocation samples");
  }
}
