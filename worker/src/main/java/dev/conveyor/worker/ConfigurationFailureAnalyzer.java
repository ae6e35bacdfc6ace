package dev.conveyor.worker;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a configuration error as Spring Boot's short start-up failure report instead of a stack
 * trace.
 */
class ConfigurationFailureAnalyzer
    extends AbstractFailureAnalyzer<StartupFailure.ConfigurationException> {

  @Override
  protected FailureAnalysis analyze(
      Throwable rootFailure, StartupFailure.ConfigurationException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Correct that setting (application.yml, a --key=value argument or an environment"
            + " variable) and start the worker again.",
        cause);
  }
}
