package dev.conveyor.store;

import dev.conveyor.workflow.activity.BundleEvent;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStatus;
import java.util.List;

/**
 * Everything the store holds about one bundle, as its workflow last wrote it.
 *
 * @param status the bundle's status: stage, revision, parts with their jobs and states, cost,
 *     deadline and decisions
 * @param request the request as submitted (with its defaults), null when the store never got it
 * @param timeline every recorded event, oldest first
 */
public record StoredBundle(BundleStatus status, BundleRequest request, List<BundleEvent> timeline) {

  public StoredBundle {
    timeline = List.copyOf(timeline);
  }
}
