package dev.conveyor.client.codec;

/**
 * One configured key, as it is written in configuration ({@code conveyor.codec.keys[0].id} and
 * {@code conveyor.codec.keys[0].key}). Its {@link #toString()} never shows the key.
 *
 * @param id the key's name, stored in clear in every payload it encrypts; never reuse one
 * @param key the 256-bit AES key in base64, for example from {@code openssl rand -base64 32}
 */
public record CodecKeySetting(String id, String key) {

  @Override
  public String toString() {
    return "CodecKeySetting[id=" + id + ", key=(hidden)]";
  }
}
