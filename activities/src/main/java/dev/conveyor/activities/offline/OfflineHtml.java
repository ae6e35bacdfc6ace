package dev.conveyor.activities.offline;

import java.util.List;

/** Writes the offline HTML: one section with a heading, paragraphs and the images to embed. */
final class OfflineHtml {

  private OfflineHtml() {}

  static String write(CodeBrief brief) {
    List<String> texts = brief.texts();
    String heading = texts.isEmpty() ? capitalize(brief.subject("Overview")) : texts.get(0);
    StringBuilder html = new StringBuilder();
    if (brief.revised()) {
      html.append("<!-- Revised after QA feedback. -->\n");
    }
    html.append("<section class=\"conveyor-section\">\n");
    html.append("  <h2>").append(escape(heading)).append("</h2>\n");
    for (String text : texts.subList(Math.min(1, texts.size()), texts.size())) {
      html.append("  <p>").append(escape(text)).append("</p>\n");
    }
    html.append("  <p>").append(escape(brief.firstSentence())).append("</p>\n");
    for (String source : brief.imageSources()) {
      html.append("  <img src=\"")
          .append(escape(source))
          .append("\" alt=\"")
          .append(escape(heading))
          .append("\">\n");
    }
    html.append("</section>");
    return html.toString();
  }

  /** Escapes text for an element's content or a double-quoted attribute. */
  static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
