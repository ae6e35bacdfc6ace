package dev.conveyor.starter.security;

import dev.conveyor.starter.config.OneLineFailureAnalyzer;
import dev.conveyor.starter.security.DevCredentialsGuard.DevCredentialsExposedException;

/** Reports a development credential on a reachable address in one line instead of a trace. */
class DevCredentialsFailureAnalyzer extends OneLineFailureAnalyzer<DevCredentialsExposedException> {

  DevCredentialsFailureAnalyzer() {
    super(
        "Set conveyor.security.api-keys and conveyor.security.users from your own secrets (see"
            + " docs/security.md), or keep the starter on loopback.");
  }
}
