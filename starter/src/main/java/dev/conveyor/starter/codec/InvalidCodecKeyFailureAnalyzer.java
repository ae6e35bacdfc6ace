package dev.conveyor.starter.codec;

import dev.conveyor.client.codec.InvalidCodecKeyException;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** Reports a bad payload key as one line naming its setting, never the key. */
class InvalidCodecKeyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidCodecKeyException> {

  @Override
  protected FailureAnalysis analyze(Throwable rootFailure, InvalidCodecKeyException cause) {
    return new FailureAnalysis(
        cause.getMessage(),
        "Correct that setting (CONVEYOR_CODEC_KEYS_0_KEY and so on in the environment) and start"
            + " the starter again.",
        cause);
  }
}
