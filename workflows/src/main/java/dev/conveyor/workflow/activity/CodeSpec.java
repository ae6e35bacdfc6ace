package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.CodeLanguage;
import java.util.List;

/**
 * What a CODE output must be, besides the requirements: its language and what it must contain.
 *
 * @param language the language the code is written in
 * @param jsonSchema the stored JSON Schema a JSON output must be valid against, or null
 * @param texts stored texts the code must contain word for word (for example the headline of a
 *     bundle's text part that an HTML part uses); empty for none
 * @param imageSources image sources the code must reference, as an {@code img src} in HTML (for
 *     example {@code hero.png} of a bundle's image part); empty for none
 */
public record CodeSpec(
    CodeLanguage language,
    ArtifactRef jsonSchema,
    List<ArtifactRef> texts,
    List<String> imageSources) {

  public CodeSpec {
    texts = texts == null ? List.of() : List.copyOf(texts);
    imageSources = imageSources == null ? List.of() : List.copyOf(imageSources);
  }

  /** Returns the spec of code in a language, with no schema, texts or images. */
  public static CodeSpec of(CodeLanguage language) {
    return new CodeSpec(language, null, List.of(), List.of());
  }
}
