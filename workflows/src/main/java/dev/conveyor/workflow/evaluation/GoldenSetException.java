package dev.conveyor.workflow.evaluation;

/** A golden set line that is not a valid case; the message names the line and the field. */
public class GoldenSetException extends IllegalArgumentException {

  private final int line;
  private final String field;

  public GoldenSetException(int line, String field, String message) {
    super("line " + line + ": " + field + " " + message);
    this.line = line;
    this.field = field;
  }

  /** Returns the line, from 1. */
  public int line() {
    return line;
  }

  /** Returns the field that is wrong. */
  public String field() {
    return field;
  }
}
