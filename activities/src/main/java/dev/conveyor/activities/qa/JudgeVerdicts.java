package dev.conveyor.activities.qa;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.catalog.ModelRoute;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.code.CodeFences;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.QaVerdict;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ResponseFormat;
import dev.langchain4j.model.chat.request.ResponseFormatType;
import dev.langchain4j.model.chat.request.json.JsonArraySchema;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.request.json.JsonSchema;
import dev.langchain4j.model.chat.request.json.JsonStringSchema;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * What a model judge is asked, and how its answer is read. The judge must answer one JSON object
 * {@code {"passed": boolean, "score": 0..1, "issues": [string], "feedback": string}}; anything else
 * is rejected, so that the activity fails and Temporal asks again.
 */
public final class JudgeVerdicts {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  private static final String SYSTEM =
      """
      You are a strict quality reviewer. Judge whether the %s meets the business requirements \
      and every quality criterion. Answer with one JSON object and nothing else: \
      {"passed": true or false, "score": a number from 0 to 1, "issues": ["one problem per \
      entry"], "feedback": "what the next attempt must change"}.""";

  private JudgeVerdicts() {}

  /** The verdict's JSON schema, for providers that constrain their answer to one. */
  static final JsonSchema VERDICT_SCHEMA =
      JsonSchema.builder()
          .name("qa_verdict")
          .rootElement(verdictSchema().required("passed", "score", "issues", "feedback").build())
          .build();

  /**
   * Returns the response format to ask of a judge: the verdict's JSON schema where the provider
   * enforces one (OpenAI-compatible servers, Gemini), none for Anthropic, whose answer is parsed
   * strictly instead.
   */
  static ResponseFormat responseFormat(ModelRoute route) {
    return responseFormat(route, VERDICT_SCHEMA);
  }

  /** Returns the response format to ask of a judge whose answer follows another schema. */
  public static ResponseFormat responseFormat(ModelRoute route, JsonSchema schema) {
    if (ModelSettings.ANTHROPIC.equals(route.settings().provider())) {
      return null;
    }
    return ResponseFormat.builder().type(ResponseFormatType.JSON).jsonSchema(schema).build();
  }

  /**
   * Returns the verdict's schema with more properties, all required: for a judge whose answer
   * carries more than the verdict.
   */
  public static JsonObjectSchema.Builder verdictSchema() {
    return JsonObjectSchema.builder()
        .addBooleanProperty("passed")
        .addNumberProperty("score", "from 0 to 1")
        .addProperty(
            "issues", JsonArraySchema.builder().items(JsonStringSchema.builder().build()).build())
        .addStringProperty("feedback")
        .additionalProperties(false);
  }

  /** Returns the request that asks a judge about a text. */
  static ChatRequest textRequest(
      String requirements, List<String> criteria, String output, ResponseFormat format) {
    String user = context(requirements, criteria) + Briefs.section("Text to judge", output);
    return ChatRequest.builder()
        .messages(SystemMessage.from(SYSTEM.formatted("text")), UserMessage.from(user.strip()))
        .responseFormat(format)
        .build();
  }

  /**
   * Returns the request that asks a judge about code. The code is shown in a fence of its language;
   * the judge reads it and never runs it.
   */
  public static ChatRequest codeRequest(
      String requirements,
      List<String> criteria,
      CodeLanguage language,
      String code,
      ResponseFormat format) {
    String user =
        context(requirements, criteria)
            + Briefs.section(Briefs.LANGUAGE, language.id())
            + Briefs.section(
                "Code to judge", "```" + language.id() + "\n" + code.strip() + "\n```");
    return ChatRequest.builder()
        .messages(
            SystemMessage.from(SYSTEM.formatted(language.id() + " code")),
            UserMessage.from(user.strip()))
        .responseFormat(format)
        .build();
  }

  /** Returns the request that asks a vision judge about an image. */
  static ChatRequest imageRequest(
      String requirements,
      List<String> criteria,
      byte[] image,
      String contentType,
      ResponseFormat format) {
    String text = context(requirements, criteria) + "The image to judge is attached.";
    return ChatRequest.builder()
        .messages(
            SystemMessage.from(SYSTEM.formatted("image")),
            UserMessage.from(
                TextContent.from(text),
                ImageContent.from(
                    Base64.getEncoder().encodeToString(image),
                    contentType,
                    ImageContent.DetailLevel.LOW)))
        .responseFormat(format)
        .build();
  }

  /**
   * Reads a judge's answer. A surrounding Markdown code fence is tolerated; otherwise the answer
   * must be exactly the documented object.
   *
   * @throws IllegalArgumentException naming what is wrong with the answer
   */
  static QaVerdict parse(String answer) {
    return parse(readObject(answer));
  }

  /**
   * Reads a judge's answer as a JSON object, for a judge whose answer carries more than the
   * verdict. A surrounding Markdown code fence is tolerated.
   *
   * @throws IllegalArgumentException when the answer is no JSON object
   */
  public static JsonNode readObject(String answer) {
    if (answer == null || answer.isBlank()) {
      throw new IllegalArgumentException("the answer is empty");
    }
    JsonNode node;
    try {
      node = JSON.readTree(CodeFences.unwrap(answer));
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("the answer is not JSON");
    }
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException("the answer is not a JSON object");
    }
    return node;
  }

  /**
   * Reads the verdict of a judge's answer already read as JSON.
   *
   * @throws IllegalArgumentException naming what is wrong with the answer
   */
  public static QaVerdict parse(JsonNode node) {
    JsonNode passed = node.get("passed");
    if (passed == null || !passed.isBoolean()) {
      throw new IllegalArgumentException("'passed' must be true or false");
    }
    JsonNode score = node.get("score");
    if (score == null || !score.isNumber() || score.asDouble() < 0 || score.asDouble() > 1) {
      throw new IllegalArgumentException("'score' must be a number from 0 to 1");
    }
    JsonNode issues = node.get("issues");
    if (issues == null || !issues.isArray()) {
      throw new IllegalArgumentException("'issues' must be an array of strings");
    }
    List<String> issueList = new ArrayList<>();
    for (JsonNode issue : issues) {
      if (!issue.isTextual()) {
        throw new IllegalArgumentException("'issues' must be an array of strings");
      }
      issueList.add(issue.asText());
    }
    JsonNode feedback = node.get("feedback");
    if (feedback == null || !feedback.isTextual()) {
      throw new IllegalArgumentException("'feedback' must be a string");
    }
    String feedbackText = feedback.asText().strip();
    if (!passed.asBoolean() && feedbackText.isEmpty()) {
      feedbackText = String.join(" ", issueList);
    }
    return new QaVerdict(passed.asBoolean(), score.asDouble(), issueList, feedbackText);
  }

  private static String context(String requirements, List<String> criteria) {
    StringBuilder criteriaText = new StringBuilder();
    if (criteria == null || criteria.isEmpty()) {
      criteriaText.append("(none beyond the requirements)");
    } else {
      criteria.forEach(criterion -> criteriaText.append("- ").append(criterion).append('\n'));
    }
    return Briefs.section(Briefs.REQUIREMENTS, requirements)
        + Briefs.section(Briefs.CRITERIA, criteriaText.toString());
  }
}
