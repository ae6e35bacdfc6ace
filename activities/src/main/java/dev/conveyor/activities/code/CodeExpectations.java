package dev.conveyor.activities.code;

import java.util.List;

/**
 * What a piece of code must meet beyond parsing.
 *
 * @param jsonSchema a JSON Schema a JSON document must be valid against, or null
 * @param texts texts the code must contain word for word; empty for none
 * @param imageSources image sources HTML must reference in an {@code img src}; empty for none
 */
public record CodeExpectations(String jsonSchema, List<String> texts, List<String> imageSources) {

  public CodeExpectations {
    jsonSchema = jsonSchema == null || jsonSchema.isBlank() ? null : jsonSchema;
    texts = texts == null ? List.of() : texts.stream().filter(t -> !t.isBlank()).toList();
    imageSources =
        imageSources == null ? List.of() : imageSources.stream().filter(s -> !s.isBlank()).toList();
  }

  /** Returns expectations of parsing alone. */
  public static CodeExpectations none() {
    return new CodeExpectations(null, List.of(), List.of());
  }
}
