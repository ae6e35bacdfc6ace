package dev.conveyor.workflow.model;

import java.util.List;

/**
 * The outcome of an automated QA check.
 *
 * @param passed whether the output meets the requirements and criteria
 * @param score a confidence score from 0 to 1
 * @param issues the problems found, one per entry
 * @param feedback what the next attempt should change; fed into the regeneration
 */
public record QaVerdict(boolean passed, double score, List<String> issues, String feedback) {

  public QaVerdict {
    issues = issues == null ? List.of() : List.copyOf(issues);
  }
}
