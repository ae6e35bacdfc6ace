package dev.conveyor.activities.offline;

import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.text.KeyTerms;
import dev.conveyor.activities.text.LengthLimits;
import dev.conveyor.workflow.model.OutputKind;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The offline prompt writer. It reads a prompt-writing brief (output kind, requirements, quality
 * criteria) and answers with a structured prompt: the task, the requirements verbatim, the key
 * terms to cover, the terms the criteria require, the length, and the format or style.
 */
public final class OfflinePromptWriter implements ChatModel {

  private static final Pattern IMPERATIVE =
      Pattern.compile(
          "^(?:please\\s+)?(?:write|create|draft|compose|produce|generate|prepare|make|design"
              + "|draw|paint|give\\s+me)\\s+",
          Pattern.CASE_INSENSITIVE);
  private static final List<String> STYLES =
      List.of(
          "flat vector illustration, soft gradient background, balanced composition",
          "bold geometric poster, strong contrast, a single clear focal point",
          "clean isometric scene, gentle shadows, calm colours",
          "minimal line art on a two-tone background, generous white space");

  private final Duration latency;

  /** Creates the writer; each call takes the given simulated time. */
  public OfflinePromptWriter(Duration latency) {
    this.latency = latency == null ? Duration.ZERO : latency;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    OfflineModels.simulateLatency(latency);
    String brief = Briefs.userText(request);
    String requirements = Briefs.read(brief, Briefs.REQUIREMENTS);
    if (requirements == null) {
      requirements = brief;
    }
    List<String> criteria = Briefs.bulletsOf(Briefs.read(brief, Briefs.CRITERIA));
    String prompt =
        switch (kindOf(brief)) {
          case IMAGE -> imagePrompt(requirements, criteria);
          case CODE -> codePrompt(requirements, criteria, Briefs.read(brief, Briefs.LANGUAGE));
          case TEXT -> textPrompt(requirements, criteria);
        };
    return OfflineModels.response(
        OfflineModels.PROMPT_WRITER, OfflineModels.inputText(request), prompt);
  }

  private static String textPrompt(String requirements, List<String> criteria) {
    LengthLimits limits = LengthLimits.from(requirements, String.join("\n", criteria));
    String task =
        "Write "
            + subject(requirements, "a text that meets the requirements below")
            + ". Address the readers the requirements name, keep every fact and constraint, and"
            + " make each paragraph serve the requirements.";
    StringBuilder prompt = new StringBuilder();
    prompt.append(Briefs.section("Task", task));
    prompt.append(Briefs.section(Briefs.REQUIREMENTS, requirements));
    prompt.append(Briefs.section("Key terms to cover", terms(requirements)));
    List<String> required = KeyTerms.requiredBy(criteria);
    if (!required.isEmpty()) {
      prompt.append(Briefs.section("Terms that must appear verbatim", quote(required)));
    }
    prompt.append(Briefs.section(Briefs.CRITERIA, bullets(criteria)));
    prompt.append(
        Briefs.section(
            "Length", "Between " + limits.minWords() + " and " + limits.maxWords() + " words."));
    prompt.append(
        Briefs.section("Format", "Plain prose in short paragraphs, without a preamble or notes."));
    return prompt.toString().strip();
  }

  private static String imagePrompt(String requirements, List<String> criteria) {
    String style = STYLES.get(Math.floorMod(requirements.hashCode(), STYLES.size()));
    StringBuilder prompt = new StringBuilder();
    prompt.append(
        Briefs.section(
            "Task",
            "Create " + subject(requirements, "an image that meets the requirements") + "."));
    prompt.append(Briefs.section(Briefs.REQUIREMENTS, requirements));
    prompt.append(Briefs.section("Key elements to show", terms(requirements)));
    prompt.append(Briefs.section(Briefs.CRITERIA, bullets(criteria)));
    prompt.append(Briefs.section("Style", style));
    return prompt.toString().strip();
  }

  private static String codePrompt(String requirements, List<String> criteria, String language) {
    String named = language == null ? "code" : language.strip();
    StringBuilder prompt = new StringBuilder();
    prompt.append(
        Briefs.section(
            "Task",
            "Write "
                + subject(requirements, "the " + named + " the requirements below ask for")
                + ", in "
                + named
                + ". Use exactly the names, fields and texts the requirements give."));
    prompt.append(Briefs.section(Briefs.REQUIREMENTS, requirements));
    prompt.append(Briefs.section("Key terms to cover", terms(requirements)));
    prompt.append(Briefs.section(Briefs.CRITERIA, bullets(criteria)));
    prompt.append(
        Briefs.section("Format", "Only the code, in one block fenced with ```" + named + "."));
    return prompt.toString().strip();
  }

  private static OutputKind kindOf(String brief) {
    String kind = Briefs.read(brief, Briefs.OUTPUT_KIND);
    String name = kind == null ? "" : kind.strip().toUpperCase(Locale.ROOT);
    return switch (name) {
      case "IMAGE" -> OutputKind.IMAGE;
      case "CODE" -> OutputKind.CODE;
      default -> OutputKind.TEXT;
    };
  }

  /** Returns what the first sentence of the requirements asks for, without its verb. */
  static String subject(String requirements, String fallback) {
    String first = requirements.strip().split("(?<=[.!?])\\s+|\\R", 2)[0].strip();
    first = first.replaceAll("[.!?]+$", "");
    var matcher = IMPERATIVE.matcher(first);
    if (!matcher.find() || first.length() == matcher.end()) {
      return fallback;
    }
    return first.substring(matcher.end());
  }

  private static String terms(String requirements) {
    List<String> words = KeyTerms.top(requirements, 8).stream().map(KeyTerms.Term::word).toList();
    return words.isEmpty() ? "(the subject of the requirements)" : String.join(", ", words);
  }

  private static String quote(List<String> terms) {
    return String.join(", ", terms.stream().map(t -> "\"" + t + "\"").toList());
  }

  private static String bullets(List<String> criteria) {
    if (criteria.isEmpty()) {
      return "- " + Briefs.NO_CRITERIA;
    }
    return String.join("\n", criteria.stream().map(c -> "- " + c).toList());
  }
}
