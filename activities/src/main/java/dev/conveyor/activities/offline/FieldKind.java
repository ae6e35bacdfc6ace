package dev.conveyor.activities.offline;

import java.util.Locale;

/** What a named field most likely holds, guessed from its name, for the offline coder. */
enum FieldKind {
  TEXT,
  WHOLE_NUMBER,
  DECIMAL,
  FLAG,
  LIST;

  /** Returns the kind of a field name, for example {@code price} is a decimal. */
  static FieldKind of(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (name.matches("(is|has|can)[A-Z].*")
        || n.matches("(is|has|can|in)_[a-z].*|active|enabled|available|paid|published|verified")) {
      return FLAG;
    }
    if (n.matches(".*(price|amount|total|cost|rate|score|weight)")) {
      return DECIMAL;
    }
    if (n.matches("(.*_)?(id|count|quantity|qty|age|year|stock|number|rank|size)")) {
      return WHOLE_NUMBER;
    }
    if (n.matches(".*(tags|items|list|names|keywords|labels)")) {
      return LIST;
    }
    return TEXT;
  }
}
