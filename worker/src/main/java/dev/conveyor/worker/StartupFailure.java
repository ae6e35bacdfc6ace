package dev.conveyor.worker;

import dev.conveyor.artifacts.ArtifactSettingsException;

/**
 * Turns a configuration error at start-up into one clear line on standard error and exit code 2,
 * instead of a stack trace.
 */
public final class StartupFailure {

  private StartupFailure() {}

  static void run(Runnable start) {
    try {
      start.run();
    } catch (RuntimeException e) {
      IllegalArgumentException config = configurationError(e);
      if (config == null) {
        throw e;
      }
      System.err.println("conveyor-worker: " + config.getMessage());
      System.exit(2);
    }
  }

  /**
   * Returns the configuration error behind a start-up failure, or null when it is something else.
   */
  static IllegalArgumentException configurationError(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof ConfigurationException || cause instanceof ArtifactSettingsException) {
        return (IllegalArgumentException) cause;
      }
    }
    return null;
  }

  /** Returns a configuration error that start-up reports as one line. */
  public static IllegalArgumentException configuration(String message, Throwable cause) {
    return new ConfigurationException(message, cause);
  }

  /** A configuration error, reported as one line. */
  static final class ConfigurationException extends IllegalArgumentException {
    ConfigurationException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
