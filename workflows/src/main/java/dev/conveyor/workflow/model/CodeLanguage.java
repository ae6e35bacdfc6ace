package dev.conveyor.workflow.model;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A language a CODE output may be written in; each is checked by a maintained parser. */
public enum CodeLanguage {
  /** An HTML document or section, parsed by jsoup. */
  HTML("text/html; charset=utf-8", "html"),
  /** A JSON document, parsed strictly by Jackson and validated against a JSON Schema if given. */
  JSON("application/json", "json"),
  /** SQL statements, parsed by JSqlParser. */
  SQL("application/sql", "sql"),
  /** A Java compilation unit, parsed by JavaParser. */
  JAVA("text/x-java-source; charset=utf-8", "java");

  private final String contentType;
  private final String fileExtension;

  CodeLanguage(String contentType, String fileExtension) {
    this.contentType = contentType;
    this.fileExtension = fileExtension;
  }

  /** Returns the MIME type an output in this language is stored with. */
  public String contentType() {
    return contentType;
  }

  /** Returns the file extension of an output in this language, without the dot. */
  public String fileExtension() {
    return fileExtension;
  }

  /** Returns the language's name as people and Markdown fences write it, in lower case. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Returns the language of a name, whatever its case, or null when no language has that name. */
  public static CodeLanguage of(String name) {
    if (name == null) {
      return null;
    }
    String wanted = name.strip();
    return Arrays.stream(values())
        .filter(language -> language.name().equalsIgnoreCase(wanted))
        .findFirst()
        .orElse(null);
  }

  /** Returns the names of all languages, in lower case, for error messages. */
  public static List<String> ids() {
    return Arrays.stream(values()).map(CodeLanguage::id).toList();
  }
}
