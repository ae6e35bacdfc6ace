package dev.conveyor.artifacts;

/**
 * The artifact store's settings are wrong, or name a bucket that cannot be used: the application
 * stops at start-up with this one-line message, which names the setting.
 */
public class ArtifactSettingsException extends IllegalArgumentException {

  /** Creates the exception with its one-line message. */
  public ArtifactSettingsException(String message) {
    super(message);
  }

  /** Creates the exception with its one-line message and the failure behind it. */
  public ArtifactSettingsException(String message, Throwable cause) {
    super(message, cause);
  }
}
