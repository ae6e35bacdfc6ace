package dev.conveyor.starter.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.client.JobClient;
import org.junit.jupiter.api.Test;

/** The idempotency key a resubmission without one derives from the lost job's id. */
class ResubmissionKeyTests {

  @Test
  void should_derive_the_key_from_the_lost_jobs_own_key() {
    assertThat(Resubmissions.derivedKey("job-order-42")).isEqualTo("order-42:resubmitted");
    assertThat(Resubmissions.derivedKey("job-order-42:resubmitted"))
        .isEqualTo("order-42:resubmitted:resubmitted");
  }

  @Test
  void should_derive_a_valid_key_of_its_digest_when_the_id_is_too_long_for_a_key() {
    String longId = "job-" + "k".repeat(195);

    String key = Resubmissions.derivedKey(longId);

    assertThat(JobClient.IDEMPOTENCY_KEY.matcher(key).matches()).isTrue();
    assertThat(key).hasSize(64 + Resubmissions.KEY_SUFFIX.length()).endsWith(":resubmitted");
    assertThat(Resubmissions.derivedKey(longId)).isEqualTo(key);
  }
}
