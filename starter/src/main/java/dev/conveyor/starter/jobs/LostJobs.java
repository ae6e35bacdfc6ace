package dev.conveyor.starter.jobs;

import dev.conveyor.client.JobClient;
import dev.conveyor.client.JobClientException;
import dev.conveyor.client.TemporalUnavailableException;
import dev.conveyor.store.JobRecovery;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the jobs Temporal has lost and marks them LOST in the job store: a job the store records as
 * not ended whose workflow Temporal reports NOT_FOUND. Only that answer marks a job; while Temporal
 * cannot be reached (UNAVAILABLE, DEADLINE_EXCEEDED) nothing is marked and the look stops.
 */
public class LostJobs {

  /** The reason a LOST job carries. */
  public static final String REASON =
      "Temporal no longer knows this job's workflow, which had not ended (its server lost it, for"
          + " example an in-memory test server that restarted); resubmit the job to run it again";

  private static final Logger log = LoggerFactory.getLogger(LostJobs.class);
  private static final int PAGE = 200;

  private final JobClient temporal;
  private final JobRecovery recovery;
  private final Clock clock;

  /**
   * Creates the finder.
   *
   * @param temporal a client whose calls give up quickly
   * @param recovery where LOST is recorded
   */
  public LostJobs(JobClient temporal, JobRecovery recovery, Clock clock) {
    this.temporal = temporal;
    this.recovery = recovery;
    this.clock = clock;
  }

  /**
   * The outcome of a look.
   *
   * @param checked how many jobs Temporal answered for
   * @param markedLost the jobs this look marked LOST
   * @param temporalUnreachable whether the look stopped because Temporal could not be reached
   */
  public record Reconciliation(int checked, List<String> markedLost, boolean temporalUnreachable) {

    public Reconciliation {
      markedLost = List.copyOf(markedLost);
    }
  }

  /** Checks every job the store records as not ended. */
  public Reconciliation reconcile() {
    int checked = 0;
    List<String> marked = new ArrayList<>();
    String after = null;
    List<String> page;
    while (!(page = recovery.unfinished(after, PAGE)).isEmpty()) {
      Reconciliation look = check(page);
      checked += look.checked();
      marked.addAll(look.markedLost());
      if (look.temporalUnreachable()) {
        return new Reconciliation(checked, marked, true);
      }
      after = page.get(page.size() - 1);
    }
    return new Reconciliation(checked, marked, false);
  }

  /** Checks the given jobs, which the store records as not ended. */
  public Reconciliation check(Collection<String> jobIds) {
    int checked = 0;
    List<String> marked = new ArrayList<>();
    for (String jobId : jobIds) {
      try {
        if (!temporal.exists(jobId) && markLost(jobId)) {
          marked.add(jobId);
        }
        checked++;
      } catch (TemporalUnavailableException e) {
        log.warn("Temporal is unreachable; no job is marked LOST: {}", e.getMessage());
        return new Reconciliation(checked, marked, true);
      } catch (JobClientException e) {
        log.warn("cannot tell whether Temporal knows job {}: {}", jobId, e.getMessage());
      }
    }
    return new Reconciliation(checked, marked, false);
  }

  /** Marks a job LOST once Temporal has answered that it does not know it. */
  boolean markLost(String jobId) {
    boolean marked = recovery.markLost(jobId, REASON, clock.instant());
    if (marked) {
      log.warn("job {} is LOST: Temporal no longer knows its workflow", jobId);
    }
    return marked;
  }
}
