package dev.conveyor.starter.security;

import dev.conveyor.starter.security.DevCredentialsGuard.DevCredentialsExposedException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a development credential on a reachable address in one line instead of a trace. */
class DevCredentialsFailureAnalyzer
    extends AbstractFailureAnalyzer<DevCredentialsExposedException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, DevCredentialsExposedException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set conveyor.security.api-keys and conveyor.security.users from your own secrets (see"
            + " docs/security.md), or keep the starter on loopback.",
        cause);
  }
}
