package dev.conveyor.activities.code;

import com.github.javaparser.JavaParser;
import com.github.javaparser.ParseResult;
import com.github.javaparser.ParserConfiguration;
import com.github.javaparser.Problem;
import com.github.javaparser.ast.CompilationUnit;
import dev.conveyor.workflow.model.CodeLanguage;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks Java with JavaParser: the code must parse as a compilation unit of Java 21 and declare at
 * least one type. Each problem carries the line and column JavaParser gives. The code is never
 * compiled to classes or run.
 */
public final class JavaChecker implements CodeChecker {

  @Override
  public CodeLanguage language() {
    return CodeLanguage.JAVA;
  }

  @Override
  public List<CodeProblem> check(String code, CodeExpectations expected) {
    JavaParser parser =
        new JavaParser(
            new ParserConfiguration().setLanguageLevel(ParserConfiguration.LanguageLevel.JAVA_21));
    ParseResult<CompilationUnit> result = parser.parse(code);
    List<CodeProblem> problems = new ArrayList<>();
    for (Problem problem : result.getProblems()) {
      problems.add(
          problem
              .getLocation()
              .flatMap(tokens -> tokens.getBegin().getRange())
              .map(
                  range ->
                      new CodeProblem(
                          range.begin.line, range.begin.column, firstLine(problem.getMessage())))
              .orElseGet(() -> CodeProblem.of(firstLine(problem.getMessage()))));
    }
    if (problems.isEmpty()
        && result.getResult().map(unit -> unit.getTypes().isEmpty()).orElse(true)) {
      problems.add(CodeProblem.of("no class, record, interface or enum is declared"));
    }
    return problems;
  }

  /** The longest message kept; JavaParser lists every token it expected. */
  static final int MAX_MESSAGE = 160;

  private static String firstLine(String message) {
    if (message == null) {
      return "the Java does not parse";
    }
    String line = message.split("\\R", 2)[0].strip();
    return line.length() <= MAX_MESSAGE ? line : line.substring(0, MAX_MESSAGE) + " ...";
  }
}
