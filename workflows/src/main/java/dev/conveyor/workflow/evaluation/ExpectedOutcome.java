package dev.conveyor.workflow.evaluation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What a golden case's author expects QA to say of a good pipeline's output. */
public enum ExpectedOutcome {
  PASS,
  FAIL;

  /** Returns the outcome a golden set line names, {@code pass} or {@code fail}; null otherwise. */
  @JsonCreator
  public static ExpectedOutcome of(String name) {
    if (name == null) {
      return null;
    }
    return switch (name.strip().toLowerCase(Locale.ROOT)) {
      case "pass" -> PASS;
      case "fail" -> FAIL;
      default -> null;
    };
  }

  /** Returns the name as a golden set writes it. */
  @JsonValue
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
