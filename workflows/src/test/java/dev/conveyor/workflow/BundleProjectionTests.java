package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.activity.BundleEvent;
import dev.conveyor.workflow.activity.BundleStoreWrite;
import dev.conveyor.workflow.activity.JobEventType;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundlePart;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.PartRejection;
import dev.conveyor.workflow.model.PartState;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bundle's projection into the job store: a write at each stage, part change and the end. */
class BundleProjectionTests {

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_write_the_bundle_at_each_stage_and_part_change_then_its_end() {
    // given
    ScriptedActivities activities =
        new ScriptedActivities()
            .checkBundleWith(Bundles.landingFailsFirstCheck("the headline is missing"));
    harness.start(activities);
    BundleRequest request = Bundles.landingPage().withBudget(null);
    BundleWorkflow bundle = harness.submitBundle("bundle-projected", withTags(request));

    // when
    harness.awaitBundle(
        bundle, s -> s.stage() == BundleStage.AWAITING_APPROVAL, "AWAITING_APPROVAL");
    bundle.decide(
        BundleDecision.sendBack("alice", List.of(new PartRejection("headline", "shorter"))));
    harness.awaitBundle(
        bundle, s -> s.stage() == BundleStage.AWAITING_APPROVAL && s.revision() == 1, "revision 1");
    bundle.decide(BundleDecision.approve("alice", "good"));
    BundleStatus result = harness.result(bundle);

    // then every write is the bundle's, numbered from 1, the first with the request only
    List<BundleStoreWrite> writes = activities.bundleStoreWrites();
    assertThat(writes).isNotEmpty();
    assertThat(writes).allMatch(w -> w.bundleId().equals("bundle-projected"));
    assertThat(writes.stream().map(BundleStoreWrite::sequence).toList())
        .isEqualTo(LongStream.rangeClosed(1, writes.size()).boxed().toList());
    assertThat(writes.get(0).request().tags()).containsExactly("launch");
    assertThat(writes.subList(1, writes.size())).allMatch(w -> w.request() == null);

    // and the stages the writes saw are the bundle's, in order, ending with its result
    List<BundleStage> stages = writes.stream().map(w -> w.status().stage()).distinct().toList();
    assertThat(stages)
        .containsExactly(
            BundleStage.RUNNING,
            BundleStage.CHECKING,
            BundleStage.AWAITING_APPROVAL,
            BundleStage.APPROVED);
    BundleStoreWrite last = writes.get(writes.size() - 1);
    assertThat(last.status()).isEqualTo(result);
    assertThat(last.status().part("landing").jobId()).isEqualTo(result.part("landing").jobId());

    // and a part's job id is written while it runs
    assertThat(writes)
        .anySatisfy(
            w -> {
              assertThat(w.status().part("hero").state()).isEqualTo(PartState.RUNNING);
              assertThat(w.status().part("hero").jobId()).isEqualTo("bundle-projected.hero.1");
            });

    // and the events tell the story once each, numbered in order
    List<BundleEvent> events = writes.stream().flatMap(w -> w.events().stream()).toList();
    assertThat(events.stream().map(BundleEvent::sequence).toList())
        .isEqualTo(LongStream.rangeClosed(1, events.size()).boxed().toList());
    assertThat(events.get(0).type()).isEqualTo(JobEventType.SUBMITTED);
    assertThat(events.get(0).detail()).isEqualTo("bundle of 3 parts tagged launch");
    assertThat(events)
        .filteredOn(e -> e.type() == JobEventType.DECISION)
        .extracting(BundleEvent::detail)
        .containsExactly("send back headline (shorter)", "approve: good");
    assertThat(events)
        .filteredOn(e -> e.type() == JobEventType.PART)
        .extracting(BundleEvent::detail)
        .contains("part headline PASSED · run 2 · job bundle-projected.headline.2");
    assertThat(events.get(events.size() - 1).type()).isEqualTo(JobEventType.FINISHED);
    assertThat(events.get(events.size() - 1).actor()).isEqualTo("alice");
  }

  @Test
  void should_write_an_invalid_bundle_as_failed_with_the_request_as_received() {
    // given a bundle whose part uses one that does not exist
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    BundleRequest invalid =
        BundleRequest.of(
            List.of(
                new BundlePart(
                    "landing",
                    List.of("nowhere"),
                    "A landing section.",
                    OutputKind.CODE,
                    "html",
                    null,
                    null,
                    null)));

    // when
    BundleStatus result = harness.result(harness.submitBundle("bundle-invalid", invalid));

    // then
    assertThat(result.stage()).isEqualTo(BundleStage.FAILED);
    List<BundleStoreWrite> writes = activities.bundleStoreWrites();
    assertThat(writes).hasSize(1);
    assertThat(writes.get(0).request()).isEqualTo(invalid);
    assertThat(writes.get(0).status().stage()).isEqualTo(BundleStage.FAILED);
    assertThat(writes.get(0).events())
        .extracting(BundleEvent::type)
        .containsExactly(JobEventType.SUBMITTED, JobEventType.FINISHED);
  }

  private static BundleRequest withTags(BundleRequest request) {
    return new BundleRequest(
        request.parts(),
        request.maxRevisions(),
        request.maxConsistencyAttempts(),
        request.approvalTimeout(),
        request.budgetUsd(),
        "sam",
        List.of("launch"));
  }
}
