package dev.conveyor.client.codec;

import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The payload keys: every one of them decrypts, one of them encrypts. Without keys, payloads are
 * written in clear. Immutable; {@link #toString()} names the keys' ids, never the keys.
 */
public final class CodecKeys {

  /** The configuration prefix the settings' names in error messages start with. */
  public static final String PREFIX = "conveyor.codec";

  /** What a key id may hold: it is stored in clear in each payload's metadata. */
  public static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  private static final int KEY_BYTES = 32;
  private static final CodecKeys NONE = new CodecKeys(Map.of(), null);

  private final Map<String, SecretKey> keys;
  private final String current;

  private CodecKeys(Map<String, SecretKey> keys, String current) {
    this.keys = keys;
    this.current = current;
  }

  /** Returns no keys: payloads are neither encrypted nor decrypted. */
  public static CodecKeys none() {
    return NONE;
  }

  /**
   * Reads the configured keys. The key named by {@code encryptWith} encrypts; without that name,
   * the last key listed does, so a new key is added at the end of the list.
   *
   * @param settings the keys, oldest first; empty for none. A setting whose id and key are both
   *     empty is skipped, so that a deployment can leave its previous key's slot blank.
   * @param encryptWith the id of the key that encrypts, or null or blank for the last one
   * @throws InvalidCodecKeyException naming the first setting that is wrong
   */
  public static CodecKeys of(List<CodecKeySetting> settings, String encryptWith) {
    boolean named = encryptWith != null && !encryptWith.isBlank();
    if (settings == null || settings.stream().allMatch(CodecKeys::unset)) {
      if (named) {
        throw new InvalidCodecKeyException(
            PREFIX + ".encrypt-with names key '" + encryptWith + "', but no key is configured");
      }
      return NONE;
    }
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    for (int i = 0; i < settings.size(); i++) {
      CodecKeySetting setting = settings.get(i);
      if (unset(setting)) {
        continue;
      }
      String name = PREFIX + ".keys[" + i + "]";
      String id = setting.id();
      if (id == null || !KEY_ID.matcher(id).matches()) {
        throw new InvalidCodecKeyException(
            name + ".id must be 1 to 64 letters, digits, '.', '_' or '-'");
      }
      if (keys.containsKey(id)) {
        throw new InvalidCodecKeyException(name + ".id repeats the key id '" + id + "'");
      }
      keys.put(id, decode(name + ".key", setting.key()));
    }
    String current = named ? encryptWith.strip() : List.copyOf(keys.keySet()).get(keys.size() - 1);
    if (!keys.containsKey(current)) {
      throw new InvalidCodecKeyException(
          PREFIX
              + ".encrypt-with names key '"
              + current
              + "', which is not among "
              + PREFIX
              + ".keys "
              + keys.keySet());
    }
    return new CodecKeys(Collections.unmodifiableMap(keys), current);
  }

  /** Returns whether there are keys, so that payloads are encrypted. */
  public boolean enabled() {
    return current != null;
  }

  /** Returns the id of the key that encrypts, or null without keys. */
  public String currentId() {
    return current;
  }

  /** Returns the ids of all keys, in their configured order. */
  public Set<String> ids() {
    return keys.keySet();
  }

  SecretKey current() {
    return keys.get(current);
  }

  Optional<SecretKey> find(String id) {
    return Optional.ofNullable(keys.get(id));
  }

  @Override
  public String toString() {
    return enabled() ? "CodecKeys" + keys.keySet() + ", encrypting with " + current : "CodecKeys[]";
  }

  /** Returns whether a setting is left empty, as a deployment's optional second key may be. */
  private static boolean unset(CodecKeySetting setting) {
    return setting == null
        || ((setting.id() == null || setting.id().isBlank())
            && (setting.key() == null || setting.key().isBlank()));
  }

  private static SecretKey decode(String name, String base64) {
    if (base64 == null || base64.isBlank()) {
      throw new InvalidCodecKeyException(name + " is empty; generate one: openssl rand -base64 32");
    }
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new InvalidCodecKeyException(
          name + " is not base64; generate one: openssl rand -base64 32");
    }
    if (bytes.length != KEY_BYTES) {
      throw new InvalidCodecKeyException(
          name
              + " must be 256 bits (32 bytes in base64), not "
              + bytes.length
              + " bytes; generate one: openssl rand -base64 32");
    }
    return new SecretKeySpec(bytes, "AES");
  }
}
