package dev.conveyor.activities.offline;

import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.workflow.model.CodeLanguage;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A coding brief as the offline code writer reads it: the language, the original requirements and
 * what they name (fields, columns, tables, a type name), the JSON Schema, the texts and images the
 * code must carry, and any feedback.
 */
record CodeBrief(
    CodeLanguage language,
    String requirements,
    String jsonSchema,
    List<String> texts,
    List<String> imageSources,
    String feedback) {

  private static final Pattern IDENTIFIER = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
  private static final Pattern FIELD_LIST =
      Pattern.compile(
          "\\b(?:fields?|keys?|properties|columns?|components?)\\b(?:\\s+(?:named|called))?\\s*:?"
              + "\\s+(.+?)(?:[.;]\\s|[.;]?$|\\s+(?:from|in|of)\\s+the\\b)",
          Pattern.CASE_INSENSITIVE | Pattern.MULTILINE);
  private static final Pattern TABLE =
      Pattern.compile(
          "\\b(?:from|join|tables?)\\s+(?:the\\s+)?[`\"]?([A-Za-z_][A-Za-z0-9_]*)[`\"]?"
              + "|\\b([A-Za-z_][A-Za-z0-9_]*)\\s+tables?\\b",
          Pattern.CASE_INSENSITIVE);
  private static final List<Pattern> TYPE_NAMES =
      List.of(
          Pattern.compile(
              "\\b(?:class|record|interface|enum)\\s+(?:named\\s+|called\\s+)?[`\"]?"
                  + "([A-Z][A-Za-z0-9_]*)"),
          Pattern.compile(
              "\\b(?:an?|the)\\s+[`\"]?(?!Java\\b)([A-Z][A-Za-z0-9_]*)[`\"]?\\s+(?:class|record)\\b"));
  private static final Set<String> NOT_NAMES =
      Set.of("the", "a", "an", "and", "or", "with", "table", "tables", "that", "this", "which");

  /** Reads a brief; the requirements fall back to the whole brief. */
  static CodeBrief read(String brief) {
    String requirements = Briefs.read(brief, Briefs.ORIGINAL_REQUIREMENTS);
    if (requirements == null) {
      requirements = Briefs.read(brief, Briefs.REQUIREMENTS);
    }
    if (requirements == null) {
      requirements = brief;
    }
    CodeLanguage language = CodeLanguage.of(Briefs.read(brief, Briefs.LANGUAGE));
    return new CodeBrief(
        language == null ? CodeLanguage.HTML : language,
        requirements,
        Briefs.read(brief, Briefs.JSON_SCHEMA),
        Briefs.bulletsOf(Briefs.read(brief, Briefs.TEXTS_TO_INCLUDE)),
        Briefs.bulletsOf(Briefs.read(brief, Briefs.IMAGES_TO_EMBED)),
        Briefs.read(brief, Briefs.FEEDBACK));
  }

  /** Returns what the requirements ask for, without the verb, or the fallback. */
  String subject(String fallback) {
    return OfflinePromptWriter.subject(requirements, fallback);
  }

  /** Returns the first sentence of the requirements. */
  String firstSentence() {
    return requirements.strip().split("(?<=[.!?])\\s+|\\R", 2)[0].strip();
  }

  /** Returns the identifiers the requirements list after "fields", "columns" and the like. */
  List<String> fieldNames() {
    Set<String> names = new LinkedHashSet<>();
    Matcher lists = FIELD_LIST.matcher(requirements);
    while (lists.find()) {
      for (String item : lists.group(1).split(",|\\band\\b|\\bor\\b")) {
        Matcher identifier = IDENTIFIER.matcher(item.replaceAll("[`\"']", " "));
        if (identifier.find() && !NOT_NAMES.contains(identifier.group().toLowerCase(Locale.ROOT))) {
          names.add(identifier.group());
        }
      }
    }
    return new ArrayList<>(names);
  }

  /** Returns the tables the requirements name, in order. */
  List<String> tableNames() {
    Set<String> names = new LinkedHashSet<>();
    Matcher tables = TABLE.matcher(requirements);
    while (tables.find()) {
      String name = tables.group(1) != null ? tables.group(1) : tables.group(2);
      if (!NOT_NAMES.contains(name.toLowerCase(Locale.ROOT))) {
        names.add(name);
      }
    }
    return new ArrayList<>(names);
  }

  /** Returns the type the requirements name ("a record Customer", "class Invoice"), or null. */
  String typeName() {
    for (Pattern pattern : TYPE_NAMES) {
      Matcher type = pattern.matcher(requirements);
      if (type.find()) {
        return type.group(1);
      }
    }
    return null;
  }

  /** Returns whether feedback on a previous attempt came with the brief. */
  boolean revised() {
    return feedback != null && !feedback.isBlank();
  }
}
