package dev.conveyor.starter.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.conveyor.starter.ConveyorStarterApplication;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The starter refuses to start, in one line, when the job store cannot be reached. */
class StoreStartupTests {

  @Test
  void should_stop_with_one_line_naming_the_store_when_it_is_unreachable() {
    // when
    Throwable failure =
        catchThrowable(
            () ->
                new SpringApplicationBuilder(ConveyorStarterApplication.class)
                    .web(WebApplicationType.NONE)
                    .run(
                        "--spring.datasource.url=jdbc:postgresql://127.0.0.1:1/conveyor",
                        "--spring.temporal.test-server.enabled=true")
                    .close());

    // then
    StoreUnreachableException unreachable = find(failure);
    assertThat(unreachable).as("cause of %s", failure).isNotNull();
    FailureAnalysis analysis = new StoreUnreachableFailureAnalyzer().analyze(failure);
    assertThat(analysis.getDescription())
        .startsWith(
            "conveyor-starter: the job store at jdbc:postgresql://127.0.0.1:1/conveyor is"
                + " unreachable: Connection to 127.0.0.1:1 refused")
        .doesNotContain("\n");
    assertThat(analysis.getAction()).contains("Start the worker first");
  }

  private static StoreUnreachableException find(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof StoreUnreachableException unreachable) {
        return unreachable;
      }
    }
    return null;
  }
}
