package dev.conveyor.worker.config;

import dev.conveyor.client.codec.CodecKeySetting;
import dev.conveyor.client.codec.CodecKeys;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Payload encryption, under {@code conveyor.codec}: off without keys. The starter and every client
 * need the same keys.
 *
 * @param keys the AES keys, oldest first; each one decrypts
 * @param encryptWith the id of the key that encrypts; the last key when blank
 */
@ConfigurationProperties("conveyor.codec")
public record CodecProperties(@DefaultValue List<CodecKeySetting> keys, String encryptWith) {

  /** Returns the keys, checked: a bad one is refused naming its setting. */
  public CodecKeys codecKeys() {
    return CodecKeys.of(keys, encryptWith);
  }
}
