package dev.conveyor.starter.console;

import dev.conveyor.store.JobFilter;
import dev.conveyor.store.JobOrder;
import dev.conveyor.workflow.model.Stage;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The inbox's filter as the form sends it.
 *
 * @param tag only jobs with this tag, or every job when blank
 * @param minAge only jobs waiting at least this long, an ISO-8601 duration such as {@code PT1H}, or
 *     every job when blank
 * @param page the page, from 0
 */
public record InboxQuery(String tag, String minAge, int page) {

  static final int PAGE_SIZE = 25;

  public InboxQuery {
    tag = tag == null || tag.isBlank() ? null : tag.strip();
    minAge = minAge == null || minAge.isBlank() ? null : minAge.strip();
    page = Math.max(page, 0);
  }

  /**
   * Returns the store filter: jobs awaiting approval, oldest first, with the tag and age asked for.
   *
   * @throws IllegalArgumentException when the age is not an ISO-8601 duration
   */
  JobFilter filter(Instant now) {
    Instant before = null;
    if (minAge != null) {
      try {
        Duration age = Duration.parse(minAge);
        if (age.isNegative()) {
          throw new IllegalArgumentException("the minimum age must not be negative");
        }
        before = now.minus(age);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "the minimum age must be an ISO-8601 duration such as PT1H, not '" + minAge + "'");
      }
    }
    return new JobFilter(
        Stage.AWAITING_APPROVAL,
        null,
        tag,
        null,
        null,
        null,
        before,
        JobOrder.OLDEST_AWAITING_FIRST);
  }
}
