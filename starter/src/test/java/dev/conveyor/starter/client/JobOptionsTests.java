package dev.conveyor.starter.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobOptionsTests {

  @Test
  void should_keep_the_summary_to_one_short_line() {
    JobRequest request =
        new JobRequest(
                "x",
                OutputKind.IMAGE,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "s".repeat(300),
                List.of("a"))
            .withDefaults();

    assertThat(JobOptions.summary(request))
        .hasSize(JobOptions.MAX_SUMMARY)
        .startsWith("IMAGE · policy ALWAYS · by sss")
        .endsWith("…");
  }

  @Test
  void should_show_defaults_and_escape_table_cells_in_the_details() {
    JobRequest request =
        new JobRequest(
                "secret",
                OutputKind.TEXT,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                "a|b\nc",
                null)
            .withDefaults();

    assertThat(JobOptions.details(request))
        .contains(
            "| approval policy | ALWAYS |",
            "| max QA attempts | 3 |",
            "| approval timeout | PT72H |",
            "| budget | no limit |",
            "| submitter | a\\|b c |",
            "| requirements | 6 characters |")
        .doesNotContain("secret");
  }
}
