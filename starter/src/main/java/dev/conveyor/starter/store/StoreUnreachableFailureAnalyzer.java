package dev.conveyor.starter.store;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports an unreachable job store in one line instead of a stack trace. */
class StoreUnreachableFailureAnalyzer extends AbstractFailureAnalyzer<StoreUnreachableException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, StoreUnreachableException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Start the worker first (it hosts the embedded PostgreSQL), or point"
            + " spring.datasource.url at the job store's PostgreSQL.",
        cause);
  }
}
