package dev.conveyor.activities.code;

import dev.conveyor.workflow.model.CodeLanguage;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import net.sf.jsqlparser.JSQLParserException;
import net.sf.jsqlparser.parser.CCJSqlParserUtil;
import net.sf.jsqlparser.statement.Statements;

/**
 * Checks SQL with JSqlParser: every statement must parse, and there must be at least one. The
 * parser's message names the unexpected token and where it stands. Nothing is sent to a database.
 */
public final class SqlChecker implements CodeChecker {

  private static final Pattern POSITION =
      Pattern.compile("line (\\d+), column (\\d+)", Pattern.CASE_INSENSITIVE);

  @Override
  public CodeLanguage language() {
    return CodeLanguage.SQL;
  }

  @Override
  public List<CodeProblem> check(String code, CodeExpectations expected) {
    Statements statements;
    try {
      statements = CCJSqlParserUtil.parseStatements(code);
    } catch (JSQLParserException e) {
      return List.of(problemOf(e));
    }
    if (statements == null || statements.isEmpty()) {
      return List.of(CodeProblem.of("no SQL statement"));
    }
    return List.of();
  }

  private static CodeProblem problemOf(JSQLParserException e) {
    Throwable cause = e.getCause() == null ? e : e.getCause();
    String message = cause.getMessage() == null ? e.getMessage() : cause.getMessage();
    message = message == null ? "the SQL does not parse" : message.strip();
    String firstLine =
        message.split("\\R", 2)[0].replaceFirst("^[\\w.]+Exception:\\s*", "").strip();
    Matcher position = POSITION.matcher(message);
    if (position.find()) {
      return new CodeProblem(
          Integer.parseInt(position.group(1)), Integer.parseInt(position.group(2)), firstLine);
    }
    return CodeProblem.of(firstLine);
  }
}
