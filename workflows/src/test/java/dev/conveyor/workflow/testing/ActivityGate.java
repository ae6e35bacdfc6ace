package dev.conveyor.workflow.testing;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Holds an activity inside its call until the test opens the gate, so a test can act while the job
 * is known to be in a given stage. Call {@link #pass()} from the activity, {@link #awaitArrival()}
 * and {@link #open()} from the test.
 */
public final class ActivityGate {

  private static final Duration PATIENCE = Duration.ofSeconds(20);

  private final CountDownLatch arrived = new CountDownLatch(1);
  private final CountDownLatch opened = new CountDownLatch(1);

  /** Called by the activity: signals its arrival and blocks until the gate opens. */
  public void pass() {
    arrived.countDown();
    try {
      if (!opened.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new IllegalStateException("the test never opened the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Waits until an activity is held at the gate. */
  public void awaitArrival() {
    try {
      if (!arrived.await(PATIENCE.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new AssertionError("no activity reached the gate");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Lets every held and future activity through. */
  public void open() {
    opened.countDown();
  }

  /** Returns whether an activity has reached the gate. */
  public boolean reached() {
    return arrived.getCount() == 0;
  }
}
