package dev.conveyor.workflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The job store (PostgreSQL) cannot keep the NUL character: a request or decision holding one is
 * refused, naming each field, instead of starting a job whose record could never be written.
 */
class StorableTextTests {

  private static final String NUL = "\u0000";

  @Test
  void should_name_every_text_field_of_a_request_that_holds_a_nul_character() {
    JobRequest request =
        JobRequest.builder("A haiku" + NUL, OutputKind.TEXT)
            .qaCriteria(List.of("short", "no" + NUL + "rhyme"))
            .submitter("sam" + NUL)
            .tags(List.of(NUL + "poems"))
            .build();

    assertThat(JobRequestValidator.validate(request))
        .containsExactly(
            new FieldError("requirements", JobRequestValidator.NUL_MESSAGE),
            new FieldError("qaCriteria[1]", JobRequestValidator.NUL_MESSAGE),
            new FieldError("submitter", JobRequestValidator.NUL_MESSAGE),
            new FieldError("tags[0]", JobRequestValidator.NUL_MESSAGE));
  }

  @Test
  void should_name_the_comment_and_reviewer_of_a_decision_that_hold_a_nul_character() {
    ReviewDecision decision =
        new ReviewDecision(DecisionAction.REJECT, "rita" + NUL, "redo" + NUL + "it", true);

    assertThat(JobRequestValidator.validate(decision))
        .containsExactly(
            new FieldError("reviewer", JobRequestValidator.NUL_MESSAGE),
            new FieldError("comment", JobRequestValidator.NUL_MESSAGE));
  }

  @Test
  void should_accept_other_control_characters_and_any_unicode_the_store_keeps() {
    JobRequest request =
        JobRequest.builder("Tabs\tnew\nlines, émoji 🚚 and \u0001", OutputKind.TEXT).build();

    assertThat(JobRequestValidator.validate(request)).isEmpty();
    assertThat(JobRequestValidator.NUL_MESSAGE).contains("\\u0000").doesNotContain(NUL);
  }
}
