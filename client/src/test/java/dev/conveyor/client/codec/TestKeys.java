package dev.conveyor.client.codec;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Keys for tests: each id gets its own fixed 256-bit key. */
final class TestKeys {

  private TestKeys() {}

  /** Returns the base64 of a 256-bit key derived from the id. */
  static String key(String id) {
    byte[] bytes = new byte[32];
    for (int i = 0; i < bytes.length; i++) {
      bytes[i] = (byte) (id.hashCode() * 31 + i * 7);
    }
    return Base64.getEncoder().encodeToString(bytes);
  }

  /** Returns the keys with these ids, the last one encrypting. */
  static CodecKeys of(String... ids) {
    List<CodecKeySetting> settings = new ArrayList<>();
    for (String id : ids) {
      settings.add(new CodecKeySetting(id, key(id)));
    }
    return CodecKeys.of(settings, null);
  }
}
