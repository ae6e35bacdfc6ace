package dev.conveyor.activities.bundle;

import com.fasterxml.jackson.databind.JsonNode;
import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.catalog.ModelRoute;
import dev.conveyor.activities.qa.JudgeVerdicts;
import dev.conveyor.workflow.model.OutputKind;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What the cross-part judge is asked and how its answer is read. The judge sees the part checked
 * and every part it uses: texts as text, code in a fence of its language, and images as image
 * contents (base64 with their content type), each after a section naming its part. It answers the
 * verdict of every judge plus {@code part}, the name of the part at fault, one of the parts shown.
 */
final class CrossPartBriefs {

  private static final String SYSTEM =
      """
      You check the parts of a bundle against each other: copy, images and code made to go \
      together. Look at every attached image. Judge whether the part to check agrees with the \
      parts it uses: code contains each text word for word and shows each image where a reader \
      expects it; each image shows what the texts beside it promise; a text follows the texts it \
      uses. When they disagree, name in "part" the one part that must change, and say in \
      "feedback" what its next attempt must do. Answer with one JSON object and nothing else: \
      {"passed": true or false, "score": a number from 0 to 1, "issues": ["one problem per \
      entry"], "feedback": "what the part at fault must change", "part": "the name of the part \
      at fault, or of the part checked when they agree"}.""";

  private CrossPartBriefs() {}

  /**
   * One part the judge is shown.
   *
   * @param name the part's name
   * @param kind TEXT, IMAGE or CODE
   * @param language with CODE: the language
   * @param text its text or code; null for an image
   * @param image its bytes; null for a text or code
   * @param contentType with an image: its content type
   * @param fileName its file name in the bundle
   */
  record Shown(
      String name,
      OutputKind kind,
      String language,
      String text,
      byte[] image,
      String contentType,
      String fileName) {}

  /** Returns the request for the judge: the part checked, the parts it uses, and their images. */
  static ChatRequest request(
      String requirements,
      List<String> criteria,
      String checked,
      List<Shown> parts,
      ModelRoute route) {
    List<String> names = parts.stream().map(Shown::name).toList();
    StringBuilder context = new StringBuilder();
    context.append(Briefs.section(Briefs.REQUIREMENTS, requirements));
    context.append(Briefs.section(Briefs.CRITERIA, bullets(criteria)));
    context.append(Briefs.section(Briefs.PART_TO_CHECK, checked));
    context.append(Briefs.section(Briefs.PARTS_AT_FAULT, String.join(", ", names)));
    List<Content> contents = new ArrayList<>();
    contents.add(TextContent.from(context.toString().strip()));
    for (Shown part : parts) {
      contents.add(TextContent.from(section(part).strip()));
      if (part.kind() == OutputKind.IMAGE) {
        contents.add(
            ImageContent.from(
                Base64.getEncoder().encodeToString(part.image()),
                part.contentType(),
                ImageContent.DetailLevel.LOW));
      }
    }
    return ChatRequest.builder()
        .messages(SystemMessage.from(SYSTEM), UserMessage.from(contents))
        .responseFormat(route == null ? null : JudgeVerdicts.responseFormat(route, schema(names)))
        .build();
  }

  /**
   * Reads the judge's answer: the verdict, and the part at fault, which must be one of the parts
   * shown (a passing verdict may leave it out).
   *
   * @throws IllegalArgumentException naming what is wrong with the answer
   */
  static CrossPartVerdict parse(String answer, String checked, List<String> names) {
    JsonNode node = JudgeVerdicts.readObject(answer);
    var verdict = JudgeVerdicts.parse(node);
    JsonNode part = node.get("part");
    if (verdict.passed() && (part == null || part.isNull())) {
      return new CrossPartVerdict(checked, verdict);
    }
    if (part == null || !part.isTextual() || !names.contains(part.asText())) {
      throw new IllegalArgumentException("'part' must name one of " + names);
    }
    return new CrossPartVerdict(verdict.passed() ? checked : part.asText(), verdict);
  }

  private static String section(Shown part) {
    String body =
        switch (part.kind()) {
          case TEXT -> part.text().strip();
          case CODE -> "```" + part.language() + "\n" + part.text().strip() + "\n```";
          case IMAGE -> "The image " + part.fileName() + " is attached below.";
        };
    return Briefs.partSection(
        part.name(), part.kind(), part.kind() == OutputKind.CODE ? part.language() : null, body);
  }

  private static JsonSchema schema(List<String> names) {
    return JsonSchema.builder()
        .name("cross_part_verdict")
        .rootElement(
            JudgeVerdicts.verdictSchema()
                .addEnumProperty("part", names)
                .required("passed", "score", "issues", "feedback", "part")
                .build())
        .build();
  }

  private static String bullets(List<String> items) {
    return String.join("\n", items.stream().map(item -> "- " + item).toList());
  }
}
