package dev.conveyor.workflow.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A bundle request and a decision on a bundle, as {@link BundleRequestValidator} checks them. */
class BundleRequestValidationTests {

  private static BundlePart text(String name) {
    return BundlePart.of(
        name, List.of(), JobRequest.builder("A headline.", OutputKind.TEXT).build());
  }

  private static BundlePart image(String name) {
    return BundlePart.of(
        name, List.of(), JobRequest.builder("A hero image.", OutputKind.IMAGE).build());
  }

  private static BundlePart html(String name, String... uses) {
    return BundlePart.of(
        name,
        List.of(uses),
        JobRequest.builder("A landing section.", OutputKind.CODE).language("html").build());
  }

  private static List<String> fields(BundleRequest request) {
    return BundleRequestValidator.validate(request).stream().map(FieldError::field).toList();
  }

  private static String message(BundleRequest request, String field) {
    return BundleRequestValidator.validate(request).stream()
        .filter(e -> e.field().equals(field))
        .map(FieldError::message)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no error on " + field));
  }

  @Test
  void should_accept_a_headline_a_hero_and_the_html_that_uses_both() {
    BundleRequest request =
        BundleRequest.of(
            List.of(text("headline"), image("hero"), html("landing", "headline", "hero")));

    assertThat(BundleRequestValidator.validate(request)).isEmpty();
  }

  @Test
  void should_require_parts() {
    assertThat(fields(BundleRequest.of(List.of()))).containsExactly("parts");
    assertThat(fields(BundleRequest.of(null))).containsExactly("parts");
  }

  @Test
  void should_refuse_more_than_eight_parts() {
    List<BundlePart> parts = new ArrayList<>();
    for (int i = 0; i < BundleRequest.MAX_PARTS + 1; i++) {
      parts.add(text("part-" + i));
    }

    assertThat(message(BundleRequest.of(parts), "parts")).contains("9 parts", "at most 8");
  }

  @Test
  void should_refuse_a_duplicate_name_naming_the_first_part_with_it() {
    BundleRequest request = BundleRequest.of(List.of(text("headline"), text("headline")));

    assertThat(fields(request)).containsExactly("parts[1].name");
    assertThat(message(request, "parts[1].name")).contains("parts[0]");
  }

  @Test
  void should_refuse_a_name_that_cannot_name_a_file_or_workflow() {
    BundleRequest request = BundleRequest.of(List.of(text("Hero Image"), text("")));

    assertThat(fields(request)).containsExactly("parts[0].name", "parts[1].name");
  }

  @Test
  void should_refuse_uses_naming_no_part_and_list_the_parts() {
    BundleRequest request = BundleRequest.of(List.of(text("headline"), html("landing", "hero")));

    assertThat(fields(request)).containsExactly("parts[1].uses[0]");
    assertThat(message(request, "parts[1].uses[0]")).contains("\"hero\"", "[headline, landing]");
  }

  @Test
  void should_refuse_a_cycle_and_show_it() {
    BundleRequest request =
        BundleRequest.of(List.of(html("a", "b"), html("b", "c"), html("c", "a")));

    List<FieldError> errors = BundleRequestValidator.validate(request);

    assertThat(errors)
        .filteredOn(e -> e.message().startsWith("forms a cycle"))
        .extracting(FieldError::field, FieldError::message)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "parts[0].uses", "forms a cycle: a -> b -> c -> a"));
  }

  @Test
  void should_refuse_a_part_using_itself() {
    assertThat(message(BundleRequest.of(List.of(html("landing", "landing"))), "parts[0].uses[0]"))
        .isEqualTo("names the part itself");
  }

  @Test
  void should_let_only_html_embed_images() {
    BundlePart sql =
        BundlePart.of(
            "query",
            List.of("hero"),
            JobRequest.builder("Select the customers.", OutputKind.CODE).language("sql").build());
    BundleRequest request = BundleRequest.of(List.of(text("headline"), image("hero"), sql));

    assertThat(fields(request)).containsExactly("parts[2].uses[0]");
    assertThat(message(request, "parts[2].uses[0]")).contains("only html can embed");
  }

  @Test
  void should_let_a_text_and_an_image_part_use_a_text_part() {
    BundlePart subheading =
        BundlePart.of(
            "subheading",
            List.of("headline"),
            JobRequest.builder("A sub-heading.", OutputKind.TEXT).build());
    BundlePart hero =
        BundlePart.of(
            "hero",
            List.of("headline"),
            JobRequest.builder("A hero image.", OutputKind.IMAGE).build());
    BundleRequest request =
        BundleRequest.of(
            List.of(
                text("headline"),
                subheading,
                hero,
                html("landing", "headline", "subheading", "hero")));

    assertThat(BundleRequestValidator.validate(request)).isEmpty();
  }

  @Test
  void should_accept_the_example_bundle_whose_parts_follow_the_headline() throws IOException {
    // given the example docs/bundles.md shows
    BundleRequest request =
        new ObjectMapper()
            .readValue(
                Path.of("..", "examples", "landing-bundle-following.json").toFile(),
                BundleRequest.class);

    // then
    assertThat(BundleRequestValidator.validate(request)).isEmpty();
    assertThat(request.parts()).extracting(BundlePart::uses).contains(List.of("headline"));
  }

  @Test
  void should_refuse_a_text_or_image_part_using_an_image_or_code_part() {
    BundlePart caption =
        BundlePart.of(
            "caption", List.of("hero"), JobRequest.builder("A caption.", OutputKind.TEXT).build());
    BundlePart variant =
        BundlePart.of(
            "variant",
            List.of("hero", "landing"),
            JobRequest.builder("Another hero.", OutputKind.IMAGE).build());
    BundleRequest request =
        BundleRequest.of(List.of(image("hero"), html("landing", "hero"), caption, variant));

    assertThat(fields(request))
        .containsExactly("parts[2].uses[0]", "parts[3].uses[0]", "parts[3].uses[1]");
    assertThat(message(request, "parts[2].uses[0]"))
        .isEqualTo(
            "names the IMAGE part \"hero\": TEXT and IMAGE parts use TEXT parts only, whose"
                + " text their prompt carries");
    assertThat(message(request, "parts[3].uses[0]")).contains("names the IMAGE part \"hero\"");
    assertThat(message(request, "parts[3].uses[1]")).contains("names the CODE part \"landing\"");
  }

  @Test
  void should_name_a_part_s_own_invalid_field_with_its_index_and_a_shared_field_once() {
    BundlePart noLanguage =
        BundlePart.of("landing", List.of(), JobRequest.builder("A page.", OutputKind.CODE).build());
    BundlePart blank =
        BundlePart.of("headline", List.of(), JobRequest.builder(" ", OutputKind.TEXT).build());
    BundleRequest request =
        new BundleRequest(
            List.of(blank, noLanguage), 11, 9, null, new BigDecimal("-1"), null, null);

    assertThat(fields(request))
        .containsExactlyInAnyOrder(
            "maxRevisions",
            "maxConsistencyAttempts",
            "parts[0].requirements",
            "parts[1].language",
            "budgetUsd");
  }

  @Test
  void should_check_a_decision_s_parts_reviewer_and_comments() {
    List<String> names = List.of("headline", "hero");
    BundleDecision decision =
        new BundleDecision(
            DecisionAction.REJECT,
            "",
            null,
            List.of(
                new PartRejection("footer", "shorter"),
                new PartRejection("hero", "x".repeat(ReviewDecision.MAX_COMMENT + 1)),
                new PartRejection("hero", "bluer")));

    List<String> fields =
        BundleRequestValidator.validate(decision, names).stream().map(FieldError::field).toList();

    assertThat(fields)
        .containsExactly("reviewer", "parts[0].part", "parts[1].comment", "parts[2].part");
  }

  @Test
  void should_refuse_parts_on_an_approval() {
    BundleDecision approval =
        new BundleDecision(
            DecisionAction.APPROVE, "ana", null, List.of(new PartRejection("hero", "bluer")));

    assertThat(BundleRequestValidator.validate(approval, List.of("hero")))
        .extracting(FieldError::field)
        .containsExactly("parts");
  }
}
