package dev.conveyor.starter.codec;

import dev.conveyor.client.codec.InvalidCodecKeyException;
import dev.conveyor.starter.config.OneLineFailureAnalyzer;

/** Reports a bad payload key as one line naming its setting, never the key. */
class InvalidCodecKeyFailureAnalyzer extends OneLineFailureAnalyzer<InvalidCodecKeyException> {

  InvalidCodecKeyFailureAnalyzer() {
    super(
        "Correct that setting (CONVEYOR_CODEC_KEYS_0_KEY and so on in the environment) and start"
            + " the starter again.");
  }
}
