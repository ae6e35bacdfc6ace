package dev.conveyor.activities.code;

import dev.conveyor.workflow.model.CodeLanguage;
import java.util.List;

/** Checks code in one language with that language's parser. It never runs the code. */
public interface CodeChecker {

  /** Returns the language this checker reads. */
  CodeLanguage language();

  /**
   * Checks code.
   *
   * @param code the code, without a Markdown fence
   * @param expected what the code must meet beyond parsing
   * @return the problems found, in the order of the code; empty when it passes
   * @throws IllegalArgumentException when the expectations themselves are invalid, such as a JSON
   *     Schema that is not one
   */
  List<CodeProblem> check(String code, CodeExpectations expected);
}
