package dev.conveyor.activities.offline;

import dev.conveyor.activities.text.KeyTerms;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the offline Java: a record when the requirements say "record", else a class with private
 * final fields, a constructor and accessors, named as the requirements name it (else after their
 * key terms), with the fields they list, typed by what each name suggests.
 */
final class OfflineJava {

  private static final Set<String> KEYWORDS =
      Set.of(
          "abstract",
          "boolean",
          "byte",
          "char",
          "class",
          "default",
          "double",
          "enum",
          "final",
          "float",
          "for",
          "if",
          "import",
          "int",
          "interface",
          "long",
          "new",
          "package",
          "private",
          "public",
          "record",
          "return",
          "short",
          "static",
          "switch",
          "this",
          "void",
          "while");

  private OfflineJava() {}

  static String write(CodeBrief brief) {
    String name = typeName(brief);
    List<String[]> fields = new ArrayList<>();
    for (String field : brief.fieldNames()) {
      fields.add(new String[] {typeOf(field), fieldName(field)});
    }
    if (fields.isEmpty()) {
      fields.add(new String[] {"String", "name"});
      fields.add(new String[] {"String", "description"});
    }
    boolean imports = fields.stream().anyMatch(field -> field[0].startsWith("List"));
    boolean decimals = fields.stream().anyMatch(field -> field[0].equals("BigDecimal"));
    StringBuilder java = new StringBuilder();
    if (decimals) {
      java.append("import java.math.BigDecimal;\n");
    }
    if (imports) {
      java.append("import java.util.List;\n");
    }
    if (decimals || imports) {
      java.append('\n');
    }
    java.append("/** ").append(javadoc(brief)).append(" */\n");
    if (brief.requirements().toLowerCase(Locale.ROOT).contains("record")) {
      List<String> components = fields.stream().map(f -> f[0] + " " + f[1]).toList();
      return java.append("public record ")
          .append(name)
          .append('(')
          .append(String.join(", ", components))
          .append(") {}")
          .toString();
    }
    java.append("public final class ").append(name).append(" {\n\n");
    for (String[] field : fields) {
      java.append("  private final ").append(field[0]).append(' ').append(field[1]).append(";\n");
    }
    List<String> parameters = fields.stream().map(f -> f[0] + " " + f[1]).toList();
    java.append("\n  public ").append(name).append('(');
    java.append(String.join(", ", parameters)).append(") {\n");
    for (String[] field : fields) {
      java.append("    this.").append(field[1]).append(" = ").append(field[1]).append(";\n");
    }
    java.append("  }\n");
    for (String[] field : fields) {
      java.append("\n  public ").append(field[0]).append(' ').append(field[1]).append("() {\n");
      java.append("    return ").append(field[1]).append(";\n  }\n");
    }
    return java.append('}').toString();
  }

  private static String typeName(CodeBrief brief) {
    String named = brief.typeName();
    if (named != null) {
      return named;
    }
    StringBuilder name = new StringBuilder();
    for (KeyTerms.Term term : KeyTerms.top(brief.requirements(), 2)) {
      String word = term.word().replaceAll("[^A-Za-z0-9]", "");
      if (!word.isEmpty()) {
        name.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
      }
    }
    return name.length() == 0 || !Character.isLetter(name.charAt(0)) ? "Item" : name.toString();
  }

  private static String typeOf(String field) {
    return switch (FieldKind.of(field)) {
      case FLAG -> "boolean";
      case DECIMAL -> "BigDecimal";
      case WHOLE_NUMBER -> "long";
      case LIST -> "List<String>";
      case TEXT -> "String";
    };
  }

  private static String fieldName(String field) {
    String[] parts = field.split("_");
    StringBuilder name = new StringBuilder(parts[0].isEmpty() ? "field" : parts[0]);
    for (int i = 1; i < parts.length; i++) {
      if (!parts[i].isEmpty()) {
        name.append(Character.toUpperCase(parts[i].charAt(0))).append(parts[i].substring(1));
      }
    }
    String result = Character.toLowerCase(name.charAt(0)) + name.substring(1);
    return KEYWORDS.contains(result) ? result + "Value" : result;
  }

  private static String javadoc(CodeBrief brief) {
    String text = brief.firstSentence().replace("*/", "* /").replaceAll("\\s+", " ");
    String sentence = text.endsWith(".") ? text : text + ".";
    return brief.revised() ? sentence + " Revised after QA feedback." : sentence;
  }
}
