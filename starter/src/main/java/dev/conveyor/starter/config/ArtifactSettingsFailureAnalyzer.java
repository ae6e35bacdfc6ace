package dev.conveyor.starter.config;

import dev.conveyor.artifacts.ArtifactSettingsException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports wrong artifact store settings in one line naming the setting, not a stack trace. */
class ArtifactSettingsFailureAnalyzer extends AbstractFailureAnalyzer<ArtifactSettingsException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, ArtifactSettingsException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Set conveyor.artifacts.* as the workers have it: the starter reads the artifacts they"
            + " write.",
        cause);
  }
}
