package dev.conveyor.activities.prompt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.offline.PictureSubject;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.OutputKind;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bundle's TEXT or IMAGE part that uses TEXT parts: their texts go into its prompt. */
class FollowedTextsTests {

  static final String HEADLINE = "Cold water all day: the steel bottle for every trail";

  @TempDir Path root;
  private FileArtifactStore files;
  private ModelCatalog catalog;

  @BeforeEach
  void offlineModels() {
    files = new FileArtifactStore(root);
    catalog = ModelCatalog.create(Map.of(), OfflineSettings.defaults(), n -> null);
  }

  private ArtifactRef writePrompt(ArtifactRef requirements, OutputKind kind, List<String> texts) {
    List<ArtifactRef> followed = texts.stream().map(files::putText).toList();
    return new PromptActivitiesImpl(files, catalog)
        .writePrompt(new PromptRequest(requirements, kind, List.of(), null, null, null, followed))
        .artifact();
  }

  @Test
  void should_carry_the_used_headline_in_the_prompt_of_an_image_and_show_it_in_the_picture() {
    // given
    ArtifactRef requirements = files.putText("A picture of a mountain lake at dawn.");

    // when
    ArtifactRef prompt = writePrompt(requirements, OutputKind.IMAGE, List.of(HEADLINE));
    ArtifactRef picture =
        new GenerationActivitiesImpl(files, catalog)
            .generateImage(new GenerationRequest(prompt, requirements, null, 0, 1))
            .artifact();

    // then the prompt quotes the headline, and the picture shows what it promises
    assertThat(files.readText(prompt)).contains("### Texts this output goes with\n- " + HEADLINE);
    assertThat(PictureSubject.read(files.read(picture)).orElseThrow())
        .contains("lake", "steel", "bottle", "trail");
  }

  @Test
  void should_leave_the_prompt_of_a_part_that_uses_nothing_as_written() {
    // given
    ArtifactRef requirements = files.putText("A picture of a mountain lake at dawn.");

    // when
    ArtifactRef prompt = writePrompt(requirements, OutputKind.IMAGE, List.of());

    // then
    assertThat(files.readText(prompt)).doesNotContain("Texts this output goes with");
  }

  @Test
  void should_write_a_sub_heading_that_takes_up_the_headline_it_uses() {
    // given
    ArtifactRef requirements = files.putText("A sub-heading of at most 20 words for a shop page.");

    // when
    ArtifactRef prompt = writePrompt(requirements, OutputKind.TEXT, List.of(HEADLINE));
    String text =
        files.readText(
            new GenerationActivitiesImpl(files, catalog)
                .generateText(new GenerationRequest(prompt, requirements, null, 0, 1))
                .artifact());

    // then
    assertThat(text.toLowerCase()).contains("cold", "water");
  }
}
