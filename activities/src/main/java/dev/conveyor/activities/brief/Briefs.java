package dev.conveyor.activities.brief;

import dev.conveyor.activities.code.CodeExpectations;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.OutputKind;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.Content;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds the requests for the prompt writer and the writer, and reads their sections back. A brief
 * is plain text in sections, each opened by a line {@code ### Heading}; a section runs to the next
 * such line.
 */
public final class Briefs {

  public static final String OUTPUT_KIND = "Output kind";
  public static final String REQUIREMENTS = "Requirements";
  public static final String CRITERIA = "Quality criteria";
  public static final String ORIGINAL_REQUIREMENTS = "Original requirements";
  public static final String FEEDBACK = "Feedback on the previous attempt";
  public static final String CHANGES = "Changes requested after the previous attempt";
  public static final String LANGUAGE = "Language";
  public static final String JSON_SCHEMA = "JSON Schema";
  public static final String TEXTS_TO_INCLUDE = "Texts to include word for word";
  public static final String IMAGES_TO_EMBED = "Images to embed by their exact source";
  public static final String TEXTS_TO_FOLLOW = "Texts this output goes with";
  public static final String PART_TO_CHECK = "Part to check";
  public static final String PARTS_AT_FAULT = "Parts that may be at fault";

  private static final Pattern PART_HEADING =
      Pattern.compile("^### Part ([a-z][a-z0-9-]*) \\((TEXT|IMAGE|CODE)[^)]*\\)\\s*$");

  /**
   * One part of a bundle as a cross-part brief shows it.
   *
   * @param name the part's name
   * @param kind TEXT, IMAGE or CODE
   * @param body its text, its code in a fence, or a line naming its image, which follows the
   *     section as an image content of the message
   */
  public record PartSection(String name, OutputKind kind, String body) {}

  /** What a criteria section says when there are none. */
  public static final String NO_CRITERIA = "(none beyond the requirements)";

  private static final String PROMPT_WRITER_SYSTEM =
      """
      You write prompts for generative models. Turn the business requirements into one clear, \
      self-contained prompt for %s. Keep every fact and constraint of the requirements, state the \
      audience, tone and format they imply, and list the quality criteria the result must meet. \
      When texts are listed under "%s", the output goes beside them: quote them in the prompt and \
      make the output agree with what they say. Answer with the prompt only.""";

  private static final String WRITER_SYSTEM =
      """
      You are a professional writer. Write the text the prompt asks for and meet every \
      requirement and quality criterion. When feedback on a previous attempt is given, fix every \
      point it raises. Answer with the text only, without a preamble or notes about the writing.""";

  private static final String CODER_SYSTEM =
      """
      You are a senior software engineer. Write the %s code the prompt asks for and meet every \
      requirement and quality criterion. Include every text listed under "%s" exactly as \
      written, and reference every image listed under "%s" by its exact source, with alt text. \
      When a JSON Schema is given, the document must be valid against it. When feedback on a \
      previous attempt is given, fix every point it raises. Answer with only the code, in one \
      Markdown code block fenced with ```%s, and nothing else.""";

  private Briefs() {}

  /** Returns the request that asks the prompt writer for a prompt for a TEXT or IMAGE output. */
  public static ChatRequest promptRequest(
      String requirements, OutputKind kind, List<String> criteria) {
    return promptRequest(requirements, kind, criteria, null);
  }

  /**
   * Returns the request that asks the prompt writer for a prompt; a CODE output names its language.
   */
  public static ChatRequest promptRequest(
      String requirements, OutputKind kind, List<String> criteria, CodeLanguage language) {
    return promptRequest(requirements, kind, criteria, language, List.of());
  }

  /**
   * Returns the request that asks the prompt writer for a prompt for an output that goes with the
   * given texts (a bundle's part that uses TEXT parts), which the brief lists.
   */
  public static ChatRequest promptRequest(
      String requirements,
      OutputKind kind,
      List<String> criteria,
      CodeLanguage language,
      List<String> followedTexts) {
    String audience =
        switch (kind) {
          case IMAGE ->
              "an image-generation model: describe subject, composition, style and colours in at"
                  + " most 150 words";
          case CODE ->
              "a coding model writing "
                  + (language == null ? "code" : language.id())
                  + ": name the structure, elements, fields and names the code needs";
          case TEXT -> "a text-writing model";
        };
    String user =
        section(OUTPUT_KIND, kind.name())
            + (language == null ? "" : section(LANGUAGE, language.id()))
            + section(REQUIREMENTS, requirements)
            + section(CRITERIA, bullets(criteria))
            + (followedTexts.isEmpty() ? "" : section(TEXTS_TO_FOLLOW, flattened(followedTexts)));
    return ChatRequest.builder()
        .messages(
            SystemMessage.from(PROMPT_WRITER_SYSTEM.formatted(audience, TEXTS_TO_FOLLOW)),
            UserMessage.from(user.strip()))
        .build();
  }

  /**
   * Returns a written prompt that carries the texts its output goes with: the prompt as written,
   * plus a section with each text it does not already contain word for word.
   */
  public static String carryingTexts(String prompt, List<String> followedTexts) {
    String flat = prompt.replaceAll("\\s+", " ");
    List<String> missing =
        followedTexts.stream()
            .filter(text -> !flat.contains(text.strip().replaceAll("\\s+", " ")))
            .toList();
    if (missing.isEmpty()) {
      return prompt;
    }
    return prompt.strip() + "\n\n" + section(TEXTS_TO_FOLLOW, flattened(missing)).strip();
  }

  private static String flattened(List<String> texts) {
    return bullets(texts.stream().map(t -> t.strip().replaceAll("\\s+", " ")).toList());
  }

  /** Returns the section of a part of a bundle, as {@link #partSections} reads it back. */
  public static String partSection(String name, OutputKind kind, String detail, String body) {
    return section("Part " + name + " (" + kind + (detail == null ? "" : " " + detail) + ")", body);
  }

  /** Returns the sections of a brief that show parts of a bundle, in order. */
  public static List<PartSection> partSections(String brief) {
    List<PartSection> parts = new ArrayList<>();
    String name = null;
    OutputKind kind = null;
    StringBuilder body = new StringBuilder();
    for (String line : (brief == null ? "" : brief).split("\\R", -1)) {
      if (line.startsWith("### ")) {
        if (name != null) {
          parts.add(new PartSection(name, kind, body.toString().strip()));
        }
        Matcher heading = PART_HEADING.matcher(line);
        name = heading.matches() ? heading.group(1) : null;
        kind = name == null ? null : OutputKind.valueOf(heading.group(2));
        body = new StringBuilder();
      } else if (name != null) {
        body.append(line).append('\n');
      }
    }
    if (name != null) {
      parts.add(new PartSection(name, kind, body.toString().strip()));
    }
    return parts;
  }

  /** Returns the request that asks the writer for a text. */
  public static ChatRequest writingRequest(String prompt, String requirements, String feedback) {
    StringBuilder user = new StringBuilder(prompt.strip()).append("\n\n");
    user.append(section(ORIGINAL_REQUIREMENTS, requirements));
    if (feedback != null && !feedback.isBlank()) {
      user.append(section(FEEDBACK, feedback));
    }
    return ChatRequest.builder()
        .messages(SystemMessage.from(WRITER_SYSTEM), UserMessage.from(user.toString().strip()))
        .build();
  }

  /** Returns the request that asks a coder for code in a language. */
  public static ChatRequest codeRequest(
      String prompt,
      String requirements,
      CodeLanguage language,
      CodeExpectations expected,
      String feedback) {
    StringBuilder user = new StringBuilder(prompt.strip()).append("\n\n");
    user.append(section(ORIGINAL_REQUIREMENTS, requirements));
    user.append(section(LANGUAGE, language.id()));
    if (expected.jsonSchema() != null) {
      user.append(section(JSON_SCHEMA, expected.jsonSchema()));
    }
    if (!expected.texts().isEmpty()) {
      user.append(section(TEXTS_TO_INCLUDE, flattened(expected.texts())));
    }
    if (!expected.imageSources().isEmpty()) {
      user.append(section(IMAGES_TO_EMBED, bullets(expected.imageSources())));
    }
    if (feedback != null && !feedback.isBlank()) {
      user.append(section(FEEDBACK, feedback));
    }
    String system =
        CODER_SYSTEM.formatted(language.id(), TEXTS_TO_INCLUDE, IMAGES_TO_EMBED, language.id());
    return ChatRequest.builder()
        .messages(SystemMessage.from(system), UserMessage.from(user.toString().strip()))
        .build();
  }

  /** Returns the prompt for an image model: the written prompt and any requested changes. */
  public static String imagePrompt(String prompt, String feedback) {
    if (feedback == null || feedback.isBlank()) {
      return prompt.strip();
    }
    return prompt.strip() + "\n\n" + section(CHANGES, feedback).strip();
  }

  /** Returns a section: its heading line and its body. */
  public static String section(String heading, String body) {
    return "### " + heading + "\n" + (body == null ? "" : body.strip()) + "\n\n";
  }

  /**
   * Returns the body of a section of a brief, or null when the brief has no such section.
   *
   * @param brief the brief
   * @param heading the heading, without the leading {@code ###}
   */
  public static String read(String brief, String heading) {
    if (brief == null) {
      return null;
    }
    String[] lines = brief.split("\\R", -1);
    StringBuilder body = null;
    for (String line : lines) {
      boolean isHeading = line.startsWith("### ");
      if (body != null) {
        if (isHeading) {
          break;
        }
        body.append(line).append('\n');
      } else if (isHeading && line.substring(4).strip().equalsIgnoreCase(heading)) {
        body = new StringBuilder();
      }
    }
    return body == null ? null : body.toString().strip();
  }

  /** Returns the lines of a bulleted section, without their bullets. */
  public static List<String> bulletsOf(String body) {
    List<String> items = new ArrayList<>();
    if (body == null) {
      return items;
    }
    for (String line : body.split("\\R")) {
      String item = line.strip().replaceFirst("^[-*•]\\s*", "").strip();
      if (!item.isEmpty() && !item.equals(NO_CRITERIA)) {
        items.add(item);
      }
    }
    return items;
  }

  /** Returns the text of the last user message of a request. */
  public static String userText(ChatRequest request) {
    List<ChatMessage> messages = request.messages();
    for (int i = messages.size() - 1; i >= 0; i--) {
      if (messages.get(i) instanceof UserMessage user) {
        StringBuilder text = new StringBuilder();
        for (Content content : user.contents()) {
          if (content instanceof TextContent part) {
            text.append(part.text()).append('\n');
          }
        }
        return text.toString().strip();
      }
    }
    return "";
  }

  private static String bullets(List<String> items) {
    if (items == null || items.isEmpty()) {
      return NO_CRITERIA;
    }
    StringBuilder text = new StringBuilder();
    for (String item : items) {
      text.append("- ").append(item.strip()).append('\n');
    }
    return text.toString();
  }
}
