package dev.conveyor.store;

import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;

/**
 * The routing profiles the workers serve, as they recorded them at start-up: the one list that the
 * starter checks a job's {@code profile} against, so that it never needs the workers' model
 * configuration.
 */
public interface RoutingProfiles {

  /**
   * Replaces the recorded profiles with these, in one transaction: a profile a worker no longer
   * serves disappears.
   *
   * @param models the first model of each step of each profile, as {@code provider/model}, keyed by
   *     profile name then step name
   * @param at when the worker recorded them
   */
  void record(Map<String, Map<String, String>> models, Instant at);

  /** Returns the names of the recorded profiles, empty when no worker has recorded any yet. */
  SortedSet<String> names();
}
