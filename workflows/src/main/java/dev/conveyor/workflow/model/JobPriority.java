package dev.conveyor.workflow.model;

/**
 * How soon a job's model calls run when workers are busy, as a Temporal task priority key (1 to 5,
 * lower runs sooner; the server's default is 3). A revision a reviewer asked for runs ahead of
 * every first attempt, whatever the job's priority: a person is waiting for it.
 */
public enum JobPriority {

  /** Ahead of normal jobs: priority key 2. */
  HIGH(2),

  /** The default: priority key 3, which the job leaves to the server by sending none. */
  NORMAL(3),

  /** Behind all other work, for example evaluation runs and backfills: priority key 5. */
  BULK(5);

  /** The priority key of a revision a reviewer asked for. */
  public static final int REVISION_KEY = 1;

  private final int key;

  JobPriority(int key) {
    this.key = key;
  }

  /** Returns the Temporal priority key of the job's first round. */
  public int key() {
    return key;
  }
}
