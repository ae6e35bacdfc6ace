package dev.conveyor.workflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.JobDataConverter;
import io.temporal.api.common.v1.Payload;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The status builder and the result's factories: what they leave out takes its empty value, and the
 * JSON that clients, the REST API and the job store read keeps its field names.
 */
class JobRecordBuildersTests {

  private static final ArtifactRef OUTPUT = new ArtifactRef("cc".repeat(32), "image/png", 2048);

  @Test
  void should_build_a_status_whose_unset_fields_are_empty_and_whose_json_keeps_its_names() {
    // given
    JobStatus status =
        JobStatus.builder()
            .jobId("job-1")
            .outputKind(OutputKind.IMAGE)
            .stage(Stage.GENERATE)
            .attempt(1)
            .createdAt(Instant.parse("2026-11-30T09:00:00Z"))
            .build();

    // when
    String json = json(status);
    JobStatus read =
        JobDataConverter.create().fromPayload(payload(status), JobStatus.class, JobStatus.class);

    // then
    assertThat(status.attempts()).isEmpty();
    assertThat(status.calls()).isEmpty();
    assertThat(status.decisions()).isEmpty();
    assertThat(status.models()).isEmpty();
    assertThat(status.usageByStep()).isEmpty();
    assertThat(status.budgetInterventions()).isEmpty();
    assertThat(status.costUsd()).isEqualByComparingTo("0");
    assertThat(read).isEqualTo(status);
    assertThat(json)
        .contains(
            List.of(
                "\"jobId\"",
                "\"outputKind\"",
                "\"stage\"",
                "\"revision\"",
                "\"attempt\"",
                "\"models\"",
                "\"prompt\"",
                "\"output\"",
                "\"attempts\"",
                "\"calls\"",
                "\"inputTokens\"",
                "\"outputTokens\"",
                "\"costUsd\"",
                "\"awaiting\"",
                "\"decisions\"",
                "\"reason\"",
                "\"createdAt\"",
                "\"updatedAt\"",
                "\"finishedAt\"",
                "\"usageByStep\"",
                "\"budgetUsd\"",
                "\"budgetPolicy\"",
                "\"budgetInterventions\""));
    JobStatus moved = status.toBuilder().stage(Stage.QA).build();
    assertThat(moved.stage()).isEqualTo(Stage.QA);
    assertThat(moved).usingRecursiveComparison().ignoringFields("stage").isEqualTo(status);
  }

  @Test
  void should_total_a_cancelled_job_from_its_last_status() {
    // given: two generations, one judged, then a cancellation while QA ran
    QaVerdict failed = new QaVerdict(false, 0.2, List.of(), "no");
    JobStatus status =
        JobStatus.builder()
            .jobId("job-2")
            .stage(Stage.QA)
            .revision(1)
            .output(OUTPUT)
            .attempts(
                List.of(
                    new AttemptRecord(0, 1, OUTPUT, null, failed, "a/b", "c/d"),
                    AttemptRecord.generated(1, 1, OUTPUT, "again", "a/b")))
            .inputTokens(300)
            .outputTokens(90)
            .costUsd(new BigDecimal("0.04"))
            .build();

    // when
    JobResult result = JobResult.cancelled(status);

    // then
    assertThat(result.state()).isEqualTo(Stage.CANCELLED);
    assertThat(result.decidedBy()).isNull();
    assertThat(result.output()).isEqualTo(OUTPUT);
    assertThat(result.revisions()).isEqualTo(1);
    assertThat(result.qaAttempts()).as("only judged generations count").isEqualTo(1);
    assertThat(result.inputTokens()).isEqualTo(300);
    assertThat(result.outputTokens()).isEqualTo(90);
    assertThat(result.costUsd()).isEqualByComparingTo("0.04");
    assertThat(json(result))
        .contains(
            List.of(
                "\"jobId\"",
                "\"state\"",
                "\"output\"",
                "\"reason\"",
                "\"decidedBy\"",
                "\"revisions\"",
                "\"qaAttempts\"",
                "\"inputTokens\"",
                "\"outputTokens\"",
                "\"costUsd\"",
                "\"usageByStep\"",
                "\"budgetInterventions\""));
  }

  @Test
  void should_end_a_job_in_the_state_its_status_reached_with_who_decided() {
    // given
    JobStatus status =
        JobStatus.builder()
            .jobId("job-3")
            .stage(Stage.APPROVED)
            .reason("approved by alice")
            .output(OUTPUT)
            .build();

    // when
    JobResult result = JobResult.endedAt(status, "alice");

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(result.reason()).isEqualTo("approved by alice");
    assertThat(result.decidedBy()).isEqualTo("alice");
    assertThat(result.qaAttempts()).isZero();
    assertThat(result.costUsd()).isEqualByComparingTo("0");
    assertThat(result.usageByStep()).isEmpty();
    assertThat(result.budgetInterventions()).isEmpty();
  }

  private static Payload payload(Object value) {
    return JobDataConverter.create().toPayload(value).orElseThrow();
  }

  private static String json(Object value) {
    return payload(value).getData().toString(StandardCharsets.UTF_8);
  }
}
