package dev.conveyor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProcessCpuTests {

  @Test
  void should_read_user_system_and_children_times_after_a_command_name_with_spaces() {
    String stat =
        "4242 (postgres: conveyor 127.0.0.1(5) idle) S 1 4242 4242 0 -1 4194560 900 0 0 0"
            + " 150 25 7 3 20 0 1 0 123 456 789";

    assertThat(ProcessCpu.parseTicks(stat)).containsExactly(150, 25, 7, 3);
  }

  @Test
  void should_measure_this_process_and_its_tree() {
    long pid = ProcessHandle.current().pid();

    double own = ProcessCpu.millis(pid);

    assertThat(own).isPositive();
    // Read after the process's own time, which only grows: the tree holds at least as much.
    assertThat(ProcessCpu.treeMillis(pid)).isGreaterThanOrEqualTo(own);
  }

  @Test
  void should_return_minus_one_for_a_process_that_does_not_exist() {
    assertThat(ProcessCpu.millis(-5)).isEqualTo(-1);
    assertThat(ProcessCpu.treeMillis(-5)).isEqualTo(-1);
  }
}
