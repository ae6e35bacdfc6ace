package dev.conveyor.client.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class CodecKeysTests {

  private static final String KEY_A = TestKeys.key("a");

  @Test
  void should_encrypt_with_the_last_key_listed_when_none_is_named() {
    CodecKeys keys = TestKeys.of("2026-01", "2026-06");

    assertThat(keys.enabled()).isTrue();
    assertThat(keys.currentId()).isEqualTo("2026-06");
    assertThat(keys.ids()).containsExactly("2026-01", "2026-06");
  }

  @Test
  void should_encrypt_with_the_named_key() {
    CodecKeys keys =
        CodecKeys.of(
            List.of(
                new CodecKeySetting("old", TestKeys.key("old")),
                new CodecKeySetting("new", TestKeys.key("new"))),
            "old");

    assertThat(keys.currentId()).isEqualTo("old");
  }

  @Test
  void should_be_off_without_keys() {
    assertThat(CodecKeys.of(List.of(), null).enabled()).isFalse();
    assertThat(CodecKeys.of(null, "").enabled()).isFalse();
  }

  @Test
  void should_skip_a_key_slot_left_empty() {
    CodecKeys keys =
        CodecKeys.of(
            List.of(new CodecKeySetting("now", TestKeys.key("now")), new CodecKeySetting("", "")),
            "now");

    assertThat(keys.ids()).containsExactly("now");
    assertThat(CodecKeys.of(List.of(new CodecKeySetting("", " ")), "").enabled()).isFalse();
  }

  @Test
  void should_refuse_a_key_that_is_not_base64_naming_the_setting_not_the_key() {
    String notBase64 = "not*base64*at*all";

    assertThatThrownBy(
            () ->
                CodecKeys.of(
                    List.of(new CodecKeySetting("a", KEY_A), new CodecKeySetting("b", notBase64)),
                    null))
        .isInstanceOf(InvalidCodecKeyException.class)
        .hasMessageStartingWith("conveyor.codec.keys[1].key is not base64")
        .hasMessageNotContaining(notBase64);
  }

  @Test
  void should_refuse_a_key_of_the_wrong_length() {
    String short128 = Base64.getEncoder().encodeToString(new byte[16]);

    assertThatThrownBy(() -> CodecKeys.of(List.of(new CodecKeySetting("a", short128)), null))
        .isInstanceOf(InvalidCodecKeyException.class)
        .hasMessage(
            "conveyor.codec.keys[0].key must be 256 bits (32 bytes in base64), not 16 bytes;"
                + " generate one: openssl rand -base64 32");
  }

  @Test
  void should_refuse_an_empty_key_a_bad_id_and_a_repeated_id() {
    assertThatThrownBy(() -> CodecKeys.of(List.of(new CodecKeySetting("a", " ")), null))
        .hasMessageStartingWith("conveyor.codec.keys[0].key is empty");
    assertThatThrownBy(() -> CodecKeys.of(List.of(new CodecKeySetting("a b", KEY_A)), null))
        .hasMessageStartingWith("conveyor.codec.keys[0].id must be");
    assertThatThrownBy(
            () ->
                CodecKeys.of(
                    List.of(new CodecKeySetting("a", KEY_A), new CodecKeySetting("a", KEY_A)),
                    null))
        .hasMessage("conveyor.codec.keys[1].id repeats the key id 'a'");
  }

  @Test
  void should_refuse_an_encrypting_key_that_is_not_configured() {
    assertThatThrownBy(() -> CodecKeys.of(List.of(new CodecKeySetting("a", KEY_A)), "b"))
        .isInstanceOf(InvalidCodecKeyException.class)
        .hasMessage(
            "conveyor.codec.encrypt-with names key 'b', which is not among"
                + " conveyor.codec.keys [a]");
    assertThatThrownBy(() -> CodecKeys.of(List.of(), "b"))
        .hasMessage("conveyor.codec.encrypt-with names key 'b', but no key is configured");
  }

  @Test
  void should_never_show_a_key_in_its_text() {
    CodecKeySetting setting = new CodecKeySetting("a", KEY_A);
    CodecKeys keys = CodecKeys.of(List.of(setting), null);

    assertThat(setting.toString()).doesNotContain(KEY_A).contains("a");
    assertThat(keys.toString()).doesNotContain(KEY_A).isEqualTo("CodecKeys[a], encrypting with a");
  }
}
