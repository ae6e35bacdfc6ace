package dev.conveyor.client;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobPriority;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.OutputKind;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class JobOptionsTests {

  @Test
  void should_keep_the_summary_to_one_short_line() {
    JobRequest request =
        JobRequest.builder("x", OutputKind.IMAGE)
            .submitter("s".repeat(300))
            .tags(List.of("a"))
            .build()
            .withDefaults();

    assertThat(JobOptions.summary(request))
        .hasSize(JobOptions.MAX_SUMMARY)
        .startsWith("IMAGE · policy ALWAYS · by sss")
        .endsWith("…");
  }

  @Test
  void should_show_defaults_and_escape_table_cells_in_the_details() {
    JobRequest request =
        JobRequest.builder("secret", OutputKind.TEXT).submitter("a|b\nc").build().withDefaults();

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

  @Test
  void should_fingerprint_a_request_with_its_defaults_and_no_text_of_it() {
    JobRequest plain = JobRequest.builder("secret plan", OutputKind.TEXT).build();
    JobRequest explicit =
        JobRequest.builder("secret plan", OutputKind.TEXT)
            .approvalPolicy(ApprovalPolicy.ALWAYS)
            .build();
    JobRequest other =
        JobRequest.builder("secret plan", OutputKind.TEXT)
            .approvalPolicy(ApprovalPolicy.NEVER)
            .build();

    assertThat(JobOptions.fingerprint(plain))
        .matches("[0-9a-f]{64}")
        .isEqualTo(JobOptions.fingerprint(explicit))
        .isNotEqualTo(JobOptions.fingerprint(other));
    assertThat(JobOptions.of("job-1", "q", plain).getMemo())
        .containsEntry(IdempotentStart.REQUEST_FINGERPRINT, JobOptions.fingerprint(plain));
  }

  @Test
  void should_keep_the_fingerprint_a_code_request_had_before_bundles() throws Exception {
    JobRequest code = JobRequest.builder("a page", OutputKind.CODE).language("html").build();
    String before =
        "JobRequest[requirements=a page, outputKind=CODE, qaCriteria=[], maxQaAttempts=3,"
            + " maxRevisions=2, approvalPolicy=ALWAYS, scoreThreshold=0.8, approvalTimeout=PT72H,"
            + " onExpiry=EXPIRE, budgetUsd=null, submitter=null, tags=[], budgetPolicy=null,"
            + " language=html, jsonSchema=null]";

    assertThat(JobOptions.fingerprint(code))
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(before.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void should_keep_the_fingerprint_a_text_request_had_before_code_outputs() throws Exception {
    JobRequest plain = JobRequest.builder("secret plan", OutputKind.TEXT).build();
    String before =
        "JobRequest[requirements=secret plan, outputKind=TEXT, qaCriteria=[], maxQaAttempts=3,"
            + " maxRevisions=2, approvalPolicy=ALWAYS, scoreThreshold=0.8, approvalTimeout=PT72H,"
            + " onExpiry=EXPIRE, budgetUsd=null, submitter=null, tags=[], budgetPolicy=null]";

    assertThat(JobOptions.fingerprint(plain))
        .isEqualTo(
            HexFormat.of()
                .formatHex(
                    MessageDigest.getInstance("SHA-256")
                        .digest(before.getBytes(StandardCharsets.UTF_8))));
  }

  @Test
  void should_tell_requests_apart_by_priority_and_keep_normal_as_before_priorities() {
    JobRequest plain = JobRequest.builder("secret plan", OutputKind.TEXT).build();
    JobRequest normal = plain.toBuilder().priority(JobPriority.NORMAL).build();
    JobRequest bulk = plain.toBuilder().priority(JobPriority.BULK).build();
    JobRequest htmlBulk =
        JobRequest.builder("a page", OutputKind.CODE)
            .language("html")
            .priority(JobPriority.BULK)
            .build();

    assertThat(JobOptions.fingerprint(normal)).isEqualTo(JobOptions.fingerprint(plain));
    assertThat(JobOptions.fingerprint(bulk)).isNotEqualTo(JobOptions.fingerprint(plain));
    assertThat(JobOptions.fingerprint(htmlBulk))
        .isNotEqualTo(JobOptions.fingerprint(htmlBulk.toBuilder().priority(null).build()));
  }

  @Test
  void should_tell_requests_apart_by_profile_and_keep_the_fingerprint_of_one_naming_none() {
    JobRequest plain = JobRequest.builder("secret plan", OutputKind.TEXT).build();
    JobRequest economy = plain.toBuilder().profile("economy").build();
    JobRequest premium = plain.toBuilder().profile("premium").build();

    assertThat(JobOptions.fingerprint(economy)).isNotEqualTo(JobOptions.fingerprint(plain));
    assertThat(JobOptions.fingerprint(economy)).isNotEqualTo(JobOptions.fingerprint(premium));
    assertThat(JobOptions.details(economy.withDefaults())).contains("| profile | economy |");
  }

  @Test
  void should_tell_code_requests_apart_by_language_and_schema_and_name_the_language() {
    JobRequest html = JobRequest.builder("a page", OutputKind.CODE).language("html").build();
    JobRequest sql = JobRequest.builder("a page", OutputKind.CODE).language("sql").build();
    JobRequest json = JobRequest.builder("a page", OutputKind.CODE).language("json").build();
    JobRequest schema = json.toBuilder().jsonSchema("{}").build();

    assertThat(JobOptions.fingerprint(html)).isNotEqualTo(JobOptions.fingerprint(sql));
    assertThat(JobOptions.fingerprint(json)).isNotEqualTo(JobOptions.fingerprint(schema));
    assertThat(JobOptions.summary(html.withDefaults())).startsWith("CODE html · policy ALWAYS");
  }
}
