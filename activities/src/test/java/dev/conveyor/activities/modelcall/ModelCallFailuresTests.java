package dev.conveyor.activities.modelcall;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.artifact.ArtifactNotFoundException;
import dev.conveyor.workflow.activity.ActivityErrors;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InternalServerException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.TimeoutException;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

class ModelCallFailuresTests {

  @Test
  void should_make_permanent_refusals_non_retryable() {
    for (RuntimeException refusal :
        new RuntimeException[] {
          new AuthenticationException("bad key"),
          new InvalidRequestException("bad request"),
          new ModelNotFoundException("no such model"),
          new ContentFilteredException("filtered")
        }) {
      ApplicationFailure failure = translate(refusal);

      assertThat(failure.getType()).isEqualTo(ActivityErrors.MODEL_REJECTED);
      assertThat(failure.isNonRetryable()).isTrue();
      assertThat(failure.getOriginalMessage()).startsWith("openai/gpt-4o ");
    }
  }

  @Test
  void should_keep_transient_failures_retryable() {
    assertThat(translate(new RateLimitException("slow down")).getType())
        .isEqualTo(ModelCallFailures.RATE_LIMITED);
    assertThat(translate(new InternalServerException("oops")).getType())
        .isEqualTo(ModelCallFailures.SERVER_ERROR);
    assertThat(translate(new TimeoutException("late")).getType())
        .isEqualTo(ModelCallFailures.TIMEOUT);
    assertThat(translate(new UncheckedIOException(new IOException("reset"))).getType())
        .isEqualTo(ModelCallFailures.CALL_FAILED);
    assertThat(translate(new RateLimitException("slow down")).isNonRetryable()).isFalse();
  }

  @Test
  void should_make_a_missing_artifact_non_retryable() {
    ApplicationFailure failure =
        translate(new ArtifactNotFoundException(new ArtifactRef("b".repeat(64), "image/png", 1)));

    assertThat(failure.getType()).isEqualTo(ActivityErrors.ARTIFACT_MISSING);
    assertThat(failure.isNonRetryable()).isTrue();
  }

  @Test
  void should_pass_temporal_failures_through() {
    ApplicationFailure own = ApplicationFailure.newFailure("mine", "Mine");

    assertThat(ModelCallFailures.translate(own, "openai/gpt-4o")).isSameAs(own);
  }

  private static ApplicationFailure translate(RuntimeException failure) {
    return (ApplicationFailure) ModelCallFailures.translate(failure, "openai/gpt-4o");
  }
}
