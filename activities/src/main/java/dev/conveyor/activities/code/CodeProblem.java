package dev.conveyor.activities.code;

/**
 * One problem a checker found.
 *
 * @param line the line, from 1, or 0 when the parser gives none
 * @param column the column, from 1, or 0 when the parser gives none
 * @param message what is wrong, in the parser's words where it gives them
 */
public record CodeProblem(int line, int column, String message) {

  /** Returns a problem without a position. */
  public static CodeProblem of(String message) {
    return new CodeProblem(0, 0, message);
  }

  /** Returns the problem as one line, for example {@code line 3, column 7: ...}. */
  public String describe() {
    if (line <= 0) {
      return message;
    }
    return "line " + line + (column > 0 ? ", column " + column : "") + ": " + message;
  }
}
