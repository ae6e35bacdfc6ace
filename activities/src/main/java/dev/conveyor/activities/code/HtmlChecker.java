package dev.conveyor.activities.code;

import dev.conveyor.workflow.model.CodeLanguage;
import java.util.ArrayList;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.parser.ParseError;
import org.jsoup.parser.Parser;

/**
 * Checks HTML with jsoup: the parser's own errors (unclosed or misnested tags, stray end tags,
 * broken attributes), then what the brief implies: the markup has elements, every image has an
 * {@code alt} text, every text the code must contain is in the page's text, and every image source
 * it must reference is the {@code src} of an {@code img}.
 */
public final class HtmlChecker implements CodeChecker {

  /** The most parser errors reported; the first ones are the useful ones. */
  static final int MAX_ERRORS = 20;

  @Override
  public CodeLanguage language() {
    return CodeLanguage.HTML;
  }

  @Override
  public List<CodeProblem> check(String code, CodeExpectations expected) {
    Parser parser = Parser.htmlParser().setTrackErrors(MAX_ERRORS).setTrackPosition(true);
    Document document = parser.parseInput(code, "");
    List<CodeProblem> problems = new ArrayList<>();
    for (ParseError error : parser.getErrors()) {
      problems.add(positioned(error.getCursorPos(), error.getErrorMessage()));
    }
    if (document.body().children().isEmpty() && document.head().children().isEmpty()) {
      problems.add(CodeProblem.of("no HTML elements: the code is plain text"));
    }
    for (Element image : document.select("img")) {
      if (!image.hasAttr("alt")) {
        problems.add(at(image, "<img src=\"" + image.attr("src") + "\"> has no alt text"));
      }
    }
    String pageText = normalize(document.text());
    for (String text : expected.texts()) {
      if (!pageText.contains(normalize(text))) {
        problems.add(CodeProblem.of("the page text does not contain \"" + text.strip() + "\""));
      }
    }
    for (String source : expected.imageSources()) {
      boolean referenced =
          document.select("img").stream().anyMatch(img -> img.attr("src").equals(source.strip()));
      if (!referenced) {
        problems.add(CodeProblem.of("no <img> references \"" + source.strip() + "\""));
      }
    }
    return problems;
  }

  private static CodeProblem at(Element element, String message) {
    var start = element.sourceRange().start();
    return start.isTracked()
        ? new CodeProblem(start.lineNumber(), start.columnNumber(), message)
        : CodeProblem.of(message);
  }

  /** Reads jsoup's cursor position, {@code line:column}. */
  private static CodeProblem positioned(String cursor, String message) {
    String[] parts = cursor == null ? new String[0] : cursor.split(":");
    if (parts.length == 2) {
      try {
        return new CodeProblem(
            Integer.parseInt(parts[0].strip()), Integer.parseInt(parts[1].strip()), message);
      } catch (NumberFormatException e) {
        return CodeProblem.of(message);
      }
    }
    return CodeProblem.of(message);
  }

  private static String normalize(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }
}
