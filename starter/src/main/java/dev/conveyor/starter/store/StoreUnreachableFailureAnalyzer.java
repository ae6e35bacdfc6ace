package dev.conveyor.starter.store;

import dev.conveyor.starter.config.OneLineFailureAnalyzer;

/** Reports an unreachable job store in one line instead of a stack trace. */
class StoreUnreachableFailureAnalyzer extends OneLineFailureAnalyzer<StoreUnreachableException> {

  StoreUnreachableFailureAnalyzer() {
    super(
        "Start the worker first (it hosts the embedded PostgreSQL), or point"
            + " spring.datasource.url at the job store's PostgreSQL.");
  }
}
