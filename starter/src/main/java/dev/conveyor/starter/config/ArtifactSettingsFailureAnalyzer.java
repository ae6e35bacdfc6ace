package dev.conveyor.starter.config;

import dev.conveyor.artifacts.ArtifactSettingsException;

/** Reports wrong artifact store settings in one line naming the setting, not a stack trace. */
class ArtifactSettingsFailureAnalyzer extends OneLineFailureAnalyzer<ArtifactSettingsException> {

  ArtifactSettingsFailureAnalyzer() {
    super(
        "Set conveyor.artifacts.* as the workers have it: the starter reads the artifacts they"
            + " write.");
  }
}
