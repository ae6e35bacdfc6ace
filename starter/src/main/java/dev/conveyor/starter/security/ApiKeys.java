package dev.conveyor.starter.security;

import dev.conveyor.starter.security.ConveyorSecurityProperties.ApiKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The configured API keys, looked up by the SHA-256 of a presented key. */
public final class ApiKeys {

  private final List<ApiKey> keys;

  public ApiKeys(List<ApiKey> keys) {
    this.keys = List.copyOf(keys);
  }

  /** Returns the key whose hash matches the presented key, comparing in constant time. */
  public Optional<ApiKey> find(String presented) {
    if (presented == null || presented.isEmpty()) {
      return Optional.empty();
    }
    byte[] hash = sha256(presented).getBytes(StandardCharsets.US_ASCII);
    ApiKey found = null;
    for (ApiKey key : keys) {
      byte[] expected = key.sha256().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
      if (MessageDigest.isEqual(hash, expected)) {
        found = key;
      }
    }
    return Optional.ofNullable(found);
  }

  /** Returns the lower-case hex SHA-256 of a key's UTF-8 bytes: what configuration holds. */
  public static String sha256(String key) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
