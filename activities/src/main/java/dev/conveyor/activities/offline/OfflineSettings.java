package dev.conveyor.activities.offline;

import java.time.Duration;

/**
 * How the offline provider behaves, as configured under {@code conveyor.offline}.
 *
 * @param qaFailFirst offline QA fails the first this-many attempts of each revision, with feedback
 *     that the next attempt acts on, so that the retry loop can be seen; 0 turns it off
 * @param latency how long each offline model call takes (default zero); the activity heartbeats
 *     meanwhile
 */
public record OfflineSettings(int qaFailFirst, Duration latency) {

  public OfflineSettings {
    if (qaFailFirst < 0) {
      throw new IllegalArgumentException(
          "conveyor.offline.qa-fail-first must not be negative, was " + qaFailFirst);
    }
    latency = latency == null ? Duration.ZERO : latency;
    if (latency.isNegative()) {
      throw new IllegalArgumentException(
          "conveyor.offline.latency must not be negative, was " + latency);
    }
  }

  /** Returns settings without forced QA failures or latency. */
  public static OfflineSettings defaults() {
    return new OfflineSettings(0, Duration.ZERO);
  }
}
