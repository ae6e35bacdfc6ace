package dev.conveyor.activities.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * The {@code Retry-After} of the last throttled response a model call received. LangChain4j's
 * exceptions carry the HTTP status but not the headers, so the model clients' HTTP client ({@link
 * RetryAfterHttpClient}) records the header here, per thread, while a call that asked for it runs:
 *
 * <pre>{@code
 * RetryAfter.Capture capture = RetryAfter.capture();
 * try {
 *   model.chat(request);
 * } catch (RateLimitException e) {
 *   Optional<Duration> wait = capture.delay();
 * } finally {
 *   capture.close();
 * }
 * }</pre>
 *
 * The clients call the HTTP client on the caller's thread (a blocking {@code send}), so the thread
 * that runs the call is the thread that sees the header.
 */
public final class RetryAfter {

  private static final ThreadLocal<Capture> CURRENT = new ThreadLocal<>();

  private RetryAfter() {}

  /** Starts capturing on the current thread, until the capture is closed. */
  public static Capture capture() {
    Capture capture = new Capture();
    CURRENT.set(capture);
    return capture;
  }

  /** Records a response's header for the current thread's capture, if any. */
  static void record(int status, Optional<String> header, Instant now) {
    Capture capture = CURRENT.get();
    if (capture == null || (status != 429 && status != 503) || header.isEmpty()) {
      return;
    }
    capture.delay = parse(header.get(), now);
  }

  /**
   * Reads a {@code Retry-After} value: whole seconds, or an HTTP date (RFC 1123).
   *
   * @return the delay from now, never negative; null when the value is neither
   */
  static Duration parse(String value, Instant now) {
    String text = value == null ? "" : value.strip();
    if (text.isEmpty()) {
      return null;
    }
    if (text.chars().allMatch(Character::isDigit)) {
      try {
        return Duration.ofSeconds(Long.parseLong(text));
      } catch (NumberFormatException tooLong) {
        return null;
      }
    }
    try {
      Instant at = ZonedDateTime.parse(text, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      Duration delay = Duration.between(now, at);
      return delay.isNegative() ? Duration.ZERO : delay;
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  /** One capture: what the current thread's calls were told to wait, until it is closed. */
  public static final class Capture implements AutoCloseable {
    private volatile Duration delay;

    private Capture() {}

    /** Returns the delay the last throttled response asked for, if it said. */
    public Optional<Duration> delay() {
      return Optional.ofNullable(delay);
    }

    @Override
    public void close() {
      if (CURRENT.get() == this) {
        CURRENT.remove();
      }
    }
  }
}
