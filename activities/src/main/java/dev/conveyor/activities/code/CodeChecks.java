package dev.conveyor.activities.code;

import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.QaVerdict;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The cheap checks of a CODE output: the checker of its language, turned into a QA verdict whose
 * issues are the parser's messages with their positions and whose feedback asks the next attempt to
 * fix exactly those.
 */
public final class CodeChecks {

  /** The most problems quoted in a verdict's feedback. */
  static final int MAX_FEEDBACK_PROBLEMS = 8;

  private final Map<CodeLanguage, CodeChecker> checkers = new EnumMap<>(CodeLanguage.class);

  /** Creates the checks with a checker for every language. */
  public CodeChecks() {
    this(List.of(new HtmlChecker(), new JsonChecker(), new SqlChecker(), new JavaChecker()));
  }

  CodeChecks(List<CodeChecker> all) {
    all.forEach(checker -> checkers.put(checker.language(), checker));
    for (CodeLanguage language : CodeLanguage.values()) {
      if (!checkers.containsKey(language)) {
        throw new IllegalStateException("no checker for " + language.id());
      }
    }
  }

  /** Returns the problems of code in a language. */
  public List<CodeProblem> problems(CodeLanguage language, String code, CodeExpectations expected) {
    if (code == null || code.isBlank()) {
      return List.of(CodeProblem.of("the code is empty"));
    }
    return checkers.get(language).check(code, expected);
  }

  /**
   * Checks code in a language and returns the verdict.
   *
   * @throws IllegalArgumentException when the expectations are invalid, such as a JSON Schema that
   *     is not one
   */
  public QaVerdict check(CodeLanguage language, String code, CodeExpectations expected) {
    List<CodeProblem> problems = problems(language, code, expected);
    if (problems.isEmpty()) {
      return new QaVerdict(
          true, 1.0, List.of(), "Parses as " + language.id() + " and meets the structural checks.");
    }
    List<String> issues = problems.stream().map(CodeProblem::describe).toList();
    String quoted =
        String.join("; ", issues.subList(0, Math.min(issues.size(), MAX_FEEDBACK_PROBLEMS)));
    String more =
        issues.size() > MAX_FEEDBACK_PROBLEMS
            ? " (and " + (issues.size() - MAX_FEEDBACK_PROBLEMS) + " more)"
            : "";
    double score = Math.max(0.05, 0.5 - 0.05 * problems.size());
    return new QaVerdict(
        false,
        Math.round(score * 100) / 100.0,
        issues,
        "Fix the "
            + language.id()
            + " so that it parses and meets the checks: "
            + quoted
            + more
            + ".");
  }
}
