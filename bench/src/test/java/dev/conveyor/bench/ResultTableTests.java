package dev.conveyor.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ResultTableTests {

  @Test
  void should_render_aligned_markdown_when_rows_differ_in_width() {
    ResultTable table = new ResultTable();
    table.add("1a", "plain", "100 jobs/s");
    table.add("4", "decision latency", "p99 5 ms", "p99 < 100 ms", true);

    String[] lines = table.render().split("\n");

    assertThat(lines).hasSize(4);
    assertThat(lines[0]).startsWith("| #  | measurement      | result     | target       | met |");
    assertThat(lines[1]).startsWith("| -- | ---------------- |");
    assertThat(lines[3]).contains("| p99 < 100 ms | yes |");
    assertThat(lines).allSatisfy(line -> assertThat(line).hasSize(lines[0].length()));
  }

  @Test
  void should_read_back_the_rows_a_child_serialized() {
    ResultTable child = new ResultTable();
    child.add("3", "heap | after GC", "40 MB", "heap < 512 MB", false);
    ResultTable parent = new ResultTable();

    for (String line : child.serialize().split("\n")) {
      assertThat(ResultTable.isSerializedRow(line)).isTrue();
      parent.addSerialized(line);
    }

    assertThat(parent.rows()).isEqualTo(child.rows());
    assertThat(parent.render()).contains("heap / after GC").contains("| NO  |");
  }

  @Test
  void should_hand_the_figures_of_a_child_to_the_parent_with_their_load() {
    ResultTable child = new ResultTable();
    child.figure(Targets.WALL + 1000, 9.25);
    ResultTable parent = new ResultTable();

    for (String line : child.serialize().split("\n")) {
      assertThat(ResultTable.isSerializedRow(line)).isTrue();
      parent.addSerialized(line);
    }

    assertThat(parent.rows()).isEmpty();
    assertThat(parent.figures()).isEqualTo(child.figures());
    assertThat(parent.figures().get(Targets.WALL + 1000).value()).isEqualTo(9.25);
  }
}
