package dev.conveyor.client.codec;

/**
 * A key setting that cannot be used: its message names the setting and what is wrong with it, and
 * never holds the key.
 */
public class InvalidCodecKeyException extends IllegalArgumentException {

  InvalidCodecKeyException(String message) {
    super(message);
  }
}
