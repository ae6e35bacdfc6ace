package dev.conveyor.client.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AesGcmPayloadCodecTests {

  private static final String SECRET = "the launch date is 12 March";

  private final DataConverter plainJson = ConveyorDataConverter.create(CodecKeys.none());

  @Test
  void should_encrypt_a_payload_whole_and_decrypt_it_back() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(TestKeys.of("k1"));
    Payload plain = json(SECRET);

    Payload encrypted = codec.encode(List.of(plain)).get(0);

    assertThat(encrypted.getData().toStringUtf8()).doesNotContain("launch");
    assertThat(encrypted.getMetadataMap().keySet())
        .containsExactlyInAnyOrder("encoding", "encryption-cipher", "encryption-key-id");
    assertThat(metadata(encrypted, "encoding")).isEqualTo("binary/encrypted");
    assertThat(metadata(encrypted, "encryption-key-id")).isEqualTo("k1");
    assertThat(codec.decode(List.of(encrypted))).containsExactly(plain);
  }

  @Test
  void should_use_a_new_nonce_for_each_payload() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(TestKeys.of("k1"));

    List<Payload> twice = codec.encode(List.of(json(SECRET), json(SECRET)));

    assertThat(twice.get(0).getData()).isNotEqualTo(twice.get(1).getData());
  }

  @Test
  void should_read_old_payloads_after_a_rotation_and_write_new_ones_with_the_new_key() {
    AesGcmPayloadCodec before = new AesGcmPayloadCodec(TestKeys.of("a"));
    Payload writtenWithA = before.encode(List.of(json(SECRET))).get(0);

    AesGcmPayloadCodec after = new AesGcmPayloadCodec(TestKeys.of("a", "b"));
    Payload writtenWithB = after.encode(List.of(json("new job"))).get(0);

    assertThat(after.decode(List.of(writtenWithA))).containsExactly(json(SECRET));
    assertThat(metadata(writtenWithB, "encryption-key-id")).isEqualTo("b");
    assertThat(after.decode(List.of(writtenWithB))).containsExactly(json("new job"));
  }

  @Test
  void should_name_the_key_id_when_a_payload_uses_a_key_that_is_not_configured() {
    Payload writtenWithOld =
        new AesGcmPayloadCodec(TestKeys.of("retired")).encode(List.of(json(SECRET))).get(0);
    AesGcmPayloadCodec current = new AesGcmPayloadCodec(TestKeys.of("current"));

    assertThatThrownBy(() -> current.decode(List.of(writtenWithOld)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessage(
            "a payload is encrypted with key 'retired', which is not configured (keys [current]):"
                + " add it to conveyor.codec.keys to read it");
  }

  @Test
  void should_pass_payloads_written_in_clear_through_decoding() {
    AesGcmPayloadCodec codec = new AesGcmPayloadCodec(TestKeys.of("k1"));
    Payload plain = json(SECRET);

    assertThat(codec.decode(List.of(plain))).containsExactly(plain);
  }

  @Test
  void should_refuse_a_payload_whose_key_id_was_changed_or_whose_key_differs() {
    Payload written =
        new AesGcmPayloadCodec(TestKeys.of("a", "b")).encode(List.of(json(SECRET))).get(0);
    Payload relabelled =
        written.toBuilder().putMetadata("encryption-key-id", ByteString.copyFromUtf8("a")).build();
    AesGcmPayloadCodec otherKeyNamedB =
        new AesGcmPayloadCodec(
            CodecKeys.of(List.of(new CodecKeySetting("b", TestKeys.key("not b"))), null));

    assertThatThrownBy(
            () -> new AesGcmPayloadCodec(TestKeys.of("a", "b")).decode(List.of(relabelled)))
        .isInstanceOf(PayloadCodecException.class)
        .hasMessageStartingWith("a payload does not decrypt with key 'a'");
    assertThatThrownBy(() -> otherKeyNamedB.decode(List.of(written)))
        .hasMessageStartingWith("a payload does not decrypt with key 'b'");
  }

  @Test
  void should_leave_the_data_converter_plain_without_keys_and_encrypting_with_them() {
    DataConverter encrypting = ConveyorDataConverter.create(TestKeys.of("k1"));

    Payload encrypted = encrypting.toPayload(SECRET).orElseThrow();

    assertThat(plainJson.toPayload(SECRET).orElseThrow().getData().toStringUtf8()).contains(SECRET);
    assertThat(encrypted.getData().toStringUtf8()).doesNotContain(SECRET);
    assertThat(encrypting.fromPayload(encrypted, String.class, String.class)).isEqualTo(SECRET);
    assertThat(encrypting.fromPayload(json(SECRET), String.class, String.class)).isEqualTo(SECRET);
  }

  private Payload json(String text) {
    return plainJson.toPayload(text).orElseThrow();
  }

  private static String metadata(Payload payload, String key) {
    return payload.getMetadataMap().get(key).toStringUtf8();
  }
}
