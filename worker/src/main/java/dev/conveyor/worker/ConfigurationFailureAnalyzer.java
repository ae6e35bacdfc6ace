package dev.conveyor.worker;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;

/**
 * Reports a configuration error (see {@link StartupFailure#configurationError}) as Spring Boot's
 * short start-up failure report instead of a stack trace.
 */
class ConfigurationFailureAnalyzer implements FailureAnalyzer {

  @Override
  public FailureAnalysis analyze(Throwable failure) {
    IllegalArgumentException cause = StartupFailure.configurationError(failure);
    if (cause == null) {
      return null;
    }
    return new FailureAnalysis(
        cause.getMessage(),
        "Correct that setting (application.yml, a --key=value argument or an environment"
            + " variable) and start the worker again.",
        cause);
  }
}
