package dev.conveyor.activities.offline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.qa.ImageChecks;
import dev.conveyor.activities.qa.TextChecks;
import dev.conveyor.activities.text.LengthLimits;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.QaVerdict;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.Response;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class OfflineModelsTests {

  static final String REQUIREMENTS =
      "Write a product announcement for Conveyor, a durable pipeline that turns business"
          + " requirements into approved text and images. The audience is engineering managers"
          + " who care about reliability and cost.";
  static final List<String> CRITERIA = List.of("Mention \"Temporal\" by name", "At most 400 words");

  private final OfflinePromptWriter promptWriter = new OfflinePromptWriter(Duration.ZERO);
  private final OfflineTextWriter textWriter = new OfflineTextWriter(Duration.ZERO);
  private final OfflineImageModel painter = new OfflineImageModel(Duration.ZERO);

  @Test
  void should_write_the_same_structured_prompt_for_the_same_brief() {
    ChatResponse first =
        promptWriter.chat(Briefs.promptRequest(REQUIREMENTS, OutputKind.TEXT, CRITERIA));
    ChatResponse second =
        promptWriter.chat(Briefs.promptRequest(REQUIREMENTS, OutputKind.TEXT, CRITERIA));

    String prompt = first.aiMessage().text();
    assertThat(prompt).isEqualTo(second.aiMessage().text());
    assertThat(prompt)
        .startsWith("### Task\nWrite a product announcement for Conveyor")
        .contains("### Requirements\n" + REQUIREMENTS)
        .contains("### Key terms to cover\nproduct, announcement, Conveyor")
        .contains("### Terms that must appear verbatim\n\"Temporal\"")
        .contains("- At most 400 words")
        .contains("### Length\nBetween 10 and 400 words.");
    assertThat(first.modelName()).isEqualTo("conveyor-prompt-writer");
    assertThat(first.tokenUsage().inputTokenCount()).isPositive();
    assertThat(first.tokenUsage().outputTokenCount()).isEqualTo((prompt.length() + 3) / 4);
  }

  @Test
  void should_write_an_image_prompt_with_elements_and_style() {
    String prompt =
        promptWriter
            .chat(
                Briefs.promptRequest(
                    "Draw a lighthouse on a rocky coast at dawn.", OutputKind.IMAGE, List.of()))
            .aiMessage()
            .text();

    assertThat(prompt)
        .startsWith("### Task\nCreate a lighthouse on a rocky coast at dawn.")
        .contains("### Key elements to show\nlighthouse, rocky, coast, dawn")
        .contains("### Style\n");
  }

  @Test
  void should_ask_for_a_code_prompt_naming_the_language_and_write_one() {
    ChatRequest request =
        Briefs.promptRequest(
            "Write a landing section for a steel water bottle.",
            OutputKind.CODE,
            List.of("uses an h2 heading"),
            CodeLanguage.HTML);

    String prompt = promptWriter.chat(request).aiMessage().text();

    assertThat(((SystemMessage) request.messages().get(0)).text())
        .contains("a coding model writing html");
    assertThat(prompt)
        .startsWith("### Task\nWrite a landing section for a steel water bottle, in html.")
        .contains("- uses an h2 heading")
        .contains("### Format\nOnly the code, in one block fenced with ```html.");
  }

  @Test
  void should_write_a_draft_that_passes_the_text_checks() {
    String draft = draft(null);

    QaVerdict verdict = new TextChecks().check(REQUIREMENTS, CRITERIA, draft);

    assertThat(verdict.passed()).as(verdict.issues() + "\n" + draft).isTrue();
    assertThat(draft)
        .startsWith("This is a product announcement for Conveyor")
        .contains("Temporal");
    assertThat(draft(null)).isEqualTo(draft);
  }

  @Test
  void should_add_the_terms_and_the_length_that_feedback_asks_for() {
    String first = draft(null);
    String feedback =
        "Mention \"human approval\" explicitly. Expand the text to at least 300 words.";

    String second = draft(feedback);

    assertThat(first).doesNotContain("human approval");
    assertThat(second).contains("human approval");
    assertThat(LengthLimits.countWords(second)).isGreaterThanOrEqualTo(300);
    assertThat(new TextChecks().check(REQUIREMENTS, CRITERIA, second).passed()).isTrue();
  }

  @Test
  void should_shorten_the_draft_when_feedback_sets_a_maximum() {
    String draft = draft("Shorten the text to at most 60 words.");

    assertThat(LengthLimits.countWords(draft)).isLessThanOrEqualTo(60);
    assertThat(draft).contains("Temporal");
  }

  @Test
  void should_paint_the_same_decodable_png_for_the_same_prompt() throws IOException {
    Response<Image> first = painter.generate("A lighthouse on a rocky coast at dawn");
    Response<Image> second = painter.generate("A lighthouse on a rocky coast at dawn");

    assertThat(first.content().mimeType()).isEqualTo("image/png");
    byte[] png = Base64.getDecoder().decode(first.content().base64Data());
    assertThat(png).startsWith(0x89, 'P', 'N', 'G');
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
    assertThat(image.getWidth()).isEqualTo(512);
    assertThat(image.getHeight()).isEqualTo(512);
    assertThat(new ImageChecks().check(png).passed()).isTrue();
    assertThat(second.content().base64Data()).isEqualTo(first.content().base64Data());
    assertThat(first.tokenUsage().inputTokenCount()).isPositive();
  }

  @Test
  void should_paint_another_picture_for_another_prompt() {
    String lighthouse =
        painter.generate("A lighthouse on a rocky coast at dawn").content().base64Data();
    String withFeedback =
        painter
            .generate(
                Briefs.imagePrompt("A lighthouse on a rocky coast at dawn", "Use bolder colours."))
            .content()
            .base64Data();

    assertThat(withFeedback).isNotEqualTo(lighthouse);
  }

  private String draft(String feedback) {
    String prompt =
        promptWriter
            .chat(Briefs.promptRequest(REQUIREMENTS, OutputKind.TEXT, CRITERIA))
            .aiMessage()
            .text();
    return textWriter
        .chat(Briefs.writingRequest(prompt, REQUIREMENTS, feedback))
        .aiMessage()
        .text();
  }
}
