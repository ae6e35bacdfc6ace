package dev.conveyor.workflow.activity;

import java.time.Duration;

/**
 * How the worker reminds reviewers of a job awaiting a decision.
 *
 * @param before how long before the approval deadline the reminder is raised; zero for never
 * @param webhook whether a webhook receives reminders
 */
public record ReminderPlan(Duration before, boolean webhook) {

  public ReminderPlan {
    before = before == null ? Duration.ZERO : before;
  }

  /** Returns a plan that never reminds. */
  public static ReminderPlan off() {
    return new ReminderPlan(Duration.ZERO, false);
  }

  /** Returns whether a wait of this length gets a reminder: only when it is longer than before. */
  public boolean remindsWithin(Duration timeout) {
    return !before.isNegative() && !before.isZero() && timeout.compareTo(before) > 0;
  }
}
