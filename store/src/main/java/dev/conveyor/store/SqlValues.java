package dev.conveyor.store;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;

/** Conversions between Java values and the store's column types. */
final class SqlValues {

  private SqlValues() {}

  static OffsetDateTime timestamp(Instant instant) {
    return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static String[] textArray(List<String> values) {
    return values == null ? new String[0] : values.toArray(String[]::new);
  }

  static List<String> strings(ResultSet row, String column) throws SQLException {
    Array array = row.getArray(column);
    if (array == null) {
      return List.of();
    }
    return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
  }

  static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  static <E extends Enum<E>> E enumValue(Class<E> type, String name) {
    return name == null ? null : Enum.valueOf(type, name);
  }

  static Integer nullableInt(ResultSet row, String column) throws SQLException {
    int value = row.getInt(column);
    return row.wasNull() ? null : value;
  }
}
