package dev.conveyor.starter.codec;

import dev.conveyor.client.codec.CodecKeySetting;
import dev.conveyor.client.codec.CodecKeys;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payload encryption and its codec endpoint, under {@code conveyor.codec}. Without keys payloads
 * are written in clear; the worker needs the same keys.
 *
 * @param keys the AES keys, oldest first; each one decrypts
 * @param encryptWith the id of the key that encrypts; the last key when blank
 * @param allowedOrigins the browser origins allowed to call the codec endpoint, such as the
 *     Temporal UI's {@code http://localhost:8233}; none by default
 */
@ConfigurationProperties("conveyor.codec")
public record CodecProperties(
    @DefaultValue List<CodecKeySetting> keys,
    String encryptWith,
    @DefaultValue List<String> allowedOrigins) {

  /** Refuses a wildcard origin: the endpoint allows credentials, so origins must be named. */
  public CodecProperties {
    if (allowedOrigins != null && allowedOrigins.contains("*")) {
      throw new IllegalArgumentException(
          "conveyor.codec.allowed-origins must name the Temporal UI's origins, not '*'");
    }
  }

  /** Returns the keys, checked: a bad one is refused naming its setting. */
  public CodecKeys codecKeys() {
    return CodecKeys.of(keys, encryptWith);
  }
}
