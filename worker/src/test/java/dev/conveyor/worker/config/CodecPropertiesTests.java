package dev.conveyor.worker.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.client.codec.CodecKeys;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How {@code conveyor.codec} binds from the environment variables docker-compose.yml sets. */
class CodecPropertiesTests {

  private static final String CURRENT = Base64.getEncoder().encodeToString(new byte[32]);
  private static final String PREVIOUS = Base64.getEncoder().encodeToString(filled(32, 7));

  @Test
  void should_encrypt_with_the_current_key_while_the_previous_slot_is_empty() {
    CodecKeys keys =
        bind(
            Map.of(
                "CONVEYOR_CODEC_KEYS_0_ID", "2026-11",
                "CONVEYOR_CODEC_KEYS_0_KEY", CURRENT,
                "CONVEYOR_CODEC_KEYS_1_ID", "",
                "CONVEYOR_CODEC_KEYS_1_KEY", "",
                "CONVEYOR_CODEC_ENCRYPTWITH", "2026-11"));

    assertThat(keys.ids()).containsExactly("2026-11");
    assertThat(keys.currentId()).isEqualTo("2026-11");
  }

  @Test
  void should_keep_reading_with_the_previous_key_after_a_rotation() {
    CodecKeys keys =
        bind(
            Map.of(
                "CONVEYOR_CODEC_KEYS_0_ID", "2027-05",
                "CONVEYOR_CODEC_KEYS_0_KEY", CURRENT,
                "CONVEYOR_CODEC_KEYS_1_ID", "2026-11",
                "CONVEYOR_CODEC_KEYS_1_KEY", PREVIOUS,
                "CONVEYOR_CODEC_ENCRYPTWITH", "2027-05"));

    assertThat(keys.ids()).containsExactly("2027-05", "2026-11");
    assertThat(keys.currentId()).isEqualTo("2027-05");
  }

  @Test
  void should_be_off_without_settings() {
    assertThat(bind(Map.of()).enabled()).isFalse();
  }

  private static CodecKeys bind(Map<String, Object> variables) {
    return EnvironmentVariables.binder(variables)
        .bindOrCreate("conveyor.codec", CodecProperties.class)
        .codecKeys();
  }

  private static byte[] filled(int length, int value) {
    byte[] bytes = new byte[length];
    java.util.Arrays.fill(bytes, (byte) value);
    return bytes;
  }
}
