package dev.conveyor.starter.config;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a start-up failure whose message already names the setting at fault as that one line and
 * what to do about it, instead of a stack trace.
 *
 * @param <T> the failure it reports
 */
public abstract class OneLineFailureAnalyzer<T extends Throwable>
    extends AbstractFailureAnalyzer<T> {

  private final String action;

  /**
   * @param action what the user should do, one sentence
   */
  protected OneLineFailureAnalyzer(String action) {
    this.action = action;
  }

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, T cause) {
    return new FailureAnalysis(cause.getMessage(), action, cause);
  }
}
