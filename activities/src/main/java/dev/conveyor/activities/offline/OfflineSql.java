package dev.conveyor.activities.offline;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Writes the offline SQL: a SELECT of the columns the requirements name (all when they name none)
 * from the first table they name, joined to the others by the {@code <table>_id} convention.
 */
final class OfflineSql {

  private static final Set<String> RESERVED =
      Set.of("select", "from", "where", "order", "group", "by", "table", "join", "user", "limit");

  private OfflineSql() {}

  static String write(CodeBrief brief) {
    List<String> tables = brief.tableNames().stream().map(OfflineSql::identifier).toList();
    List<String> columns =
        brief.fieldNames().stream()
            .map(OfflineSql::identifier)
            .filter(column -> !tables.contains(column))
            .toList();
    String from = tables.isEmpty() ? "items" : tables.get(0);
    StringBuilder sql = new StringBuilder();
    sql.append("-- ").append(oneLine(brief.subject("A query for the requirements"))).append('\n');
    if (brief.revised()) {
      sql.append("-- Revised after QA feedback.\n");
    }
    sql.append("SELECT ").append(columns.isEmpty() ? "*" : String.join(", ", columns)).append('\n');
    sql.append("FROM ").append(from);
    for (String joined : tables.subList(Math.min(1, tables.size()), tables.size())) {
      sql.append("\nJOIN ")
          .append(joined)
          .append(" ON ")
          .append(joined)
          .append('.')
          .append(singular(from))
          .append("_id = ")
          .append(from)
          .append(".id");
    }
    if (!columns.isEmpty()) {
      sql.append("\nORDER BY ").append(columns.get(0));
    }
    return sql.append(';').toString();
  }

  private static String identifier(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return RESERVED.contains(lower) ? "\"" + lower + "\"" : lower;
  }

  private static String singular(String table) {
    String name = table.replace("\"", "");
    return name.endsWith("s") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
  }

  private static String oneLine(String text) {
    return text.replaceAll("\\s+", " ").strip();
  }
}
