package dev.conveyor.client.codec;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.temporal.api.common.v1.Payload;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts each payload whole (its metadata and data) with AES-256-GCM under the current key, with
 * a random 96-bit nonce. The encrypted payload's metadata names the key, so that every configured
 * key decrypts what it encrypted, and the key id is authenticated with the data. Payloads written
 * in clear, before the codec was turned on, pass through decoding unchanged.
 */
public final class AesGcmPayloadCodec implements PayloadCodec {

  /** The {@code encoding} of an encrypted payload. */
  public static final String ENCODING = "binary/encrypted";

  /** The metadata entry naming the key that encrypted a payload. */
  public static final String KEY_ID = "encryption-key-id";

  /** The metadata entry naming the cipher. */
  public static final String CIPHER = "encryption-cipher";

  private static final String ENCODING_KEY = "encoding";
  private static final String TRANSFORMATION = "AES/GCM/NoPadding";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private final CodecKeys keys;

  /**
   * Creates the codec.
   *
   * @param keys the keys; at least one
   */
  public AesGcmPayloadCodec(CodecKeys keys) {
    this.keys = Objects.requireNonNull(keys, "keys");
    if (!keys.enabled()) {
      throw new IllegalArgumentException("the payload codec needs at least one key");
    }
  }

  @Override
  public List<Payload> encode(List<Payload> payloads) {
    return payloads.stream().map(this::encrypt).toList();
  }

  @Override
  public List<Payload> decode(List<Payload> payloads) {
    return payloads.stream().map(this::decrypt).toList();
  }

  private Payload encrypt(Payload payload) {
    String keyId = keys.currentId();
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] sealed;
    try {
      Cipher cipher = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce, keyId);
      sealed = cipher.doFinal(payload.toByteArray());
    } catch (GeneralSecurityException e) {
      throw new PayloadCodecException("could not encrypt a payload with key '" + keyId + "'", e);
    }
    return Payload.newBuilder()
        .putMetadata(ENCODING_KEY, utf8(ENCODING))
        .putMetadata(CIPHER, utf8(TRANSFORMATION))
        .putMetadata(KEY_ID, utf8(keyId))
        .setData(
            ByteString.copyFrom(
                ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array()))
        .build();
  }

  private Payload decrypt(Payload payload) {
    ByteString encoding = payload.getMetadataMap().get(ENCODING_KEY);
    if (encoding == null || !ENCODING.equals(encoding.toStringUtf8())) {
      return payload;
    }
    ByteString id = payload.getMetadataMap().get(KEY_ID);
    if (id == null) {
      throw new PayloadCodecException(
          "an encrypted payload names no key (metadata '" + KEY_ID + "' is missing)");
    }
    String keyId = id.toStringUtf8();
    SecretKey key =
        keys.find(keyId)
            .orElseThrow(
                () ->
                    new PayloadCodecException(
                        "a payload is encrypted with key '"
                            + keyId
                            + "', which is not configured (keys "
                            + keys.ids()
                            + "): add it to "
                            + CodecKeys.PREFIX
                            + ".keys to read it"));
    byte[] data = payload.getData().toByteArray();
    if (data.length < NONCE_BYTES) {
      throw new PayloadCodecException("a payload encrypted with key '" + keyId + "' is truncated");
    }
    try {
      Cipher cipher =
          cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(data, NONCE_BYTES), keyId);
      byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
      return Payload.parseFrom(plain);
    } catch (AEADBadTagException e) {
      throw new PayloadCodecException(
          "a payload does not decrypt with key '"
              + keyId
              + "': the configured key of that id differs from the one that encrypted it, or the"
              + " payload was altered",
          e);
    } catch (GeneralSecurityException | InvalidProtocolBufferException e) {
      throw new PayloadCodecException("could not decrypt a payload with key '" + keyId + "'", e);
    }
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, String keyId)
      throws GeneralSecurityException {
    Cipher cipher = Cipher.getInstance(TRANSFORMATION);
    cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
    return cipher;
  }

  private static ByteString utf8(String text) {
    return ByteString.copyFromUtf8(text);
  }
}
