package dev.conveyor.starter.profiles;

import dev.conveyor.client.InvalidJobRequestException;
import dev.conveyor.store.RoutingProfiles;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import java.util.List;
import java.util.SortedSet;
import java.util.TreeSet;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Refuses a routing profile no worker serves, before anything starts. The workers record their
 * profiles in the job store at start-up, so the starter checks against what really runs and never
 * needs a copy of the workers' configuration. Without a job store only {@code default} is known
 * here; a worker still fails a job whose profile it lacks.
 */
@Component
public class ProfileCheck {

  private final RoutingProfiles profiles;

  ProfileCheck(ObjectProvider<RoutingProfiles> profiles) {
    this.profiles = profiles.getIfAvailable();
  }

  /** Returns the profiles the workers serve: {@code default} and those they recorded. */
  public SortedSet<String> known() {
    SortedSet<String> names = new TreeSet<>();
    names.add(JobRequest.DEFAULT_PROFILE);
    if (profiles != null) {
      names.addAll(profiles.names());
    }
    return names;
  }

  /** Returns the error of a profile no worker serves, naming the field; null when it is known. */
  public FieldError unknown(String field, String profile) {
    if (profile == null) {
      return null;
    }
    SortedSet<String> known = known();
    return known.contains(profile)
        ? null
        : new FieldError(field, "is '" + profile + "', which no worker serves: one of " + known);
  }

  /**
   * Refuses a request naming a profile no worker serves.
   *
   * @throws InvalidJobRequestException naming the field {@code profile}
   */
  public void refuseUnknown(JobRequest request) {
    FieldError error = request == null ? null : unknown("profile", request.profile());
    if (error != null) {
      throw new InvalidJobRequestException(List.of(error));
    }
  }
}
