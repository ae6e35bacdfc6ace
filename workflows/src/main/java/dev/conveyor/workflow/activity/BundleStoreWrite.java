package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStatus;
import java.util.List;

/**
 * One write of a bundle into the job store: the bundle's whole current state (stage, revision,
 * parts with their jobs and states, cost, decisions) and the events since the last write that
 * succeeded. Like a {@link JobStoreWrite}, every write carries the whole state, so a failed write
 * is healed by the next one, and the sequence number makes a repeated or late write a no-op.
 *
 * @param bundleId the bundle's id, which is its workflow id
 * @param sequence the write's number within its bundle, from 1; the store keeps the highest
 * @param request the request with its defaults, or as received when it was invalid; null once a
 *     write has stored it
 * @param status the bundle's status at the time of the write
 * @param events the events to append, each with its own sequence number
 */
public record BundleStoreWrite(
    String bundleId,
    long sequence,
    BundleRequest request,
    BundleStatus status,
    List<BundleEvent> events) {

  public BundleStoreWrite {
    events = events == null ? List.of() : List.copyOf(events);
  }
}
