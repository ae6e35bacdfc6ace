package dev.conveyor.activities.offline;

import dev.conveyor.activities.brief.Briefs;
import dev.conveyor.activities.text.KeyTerms;
import dev.conveyor.activities.text.LengthLimits;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;

/**
 * The offline writer. It reads a writing brief and writes a draft that addresses the requirements:
 * it opens with what the requirements ask for, weaves their key terms and every term the criteria
 * or the feedback quote into its sentences, and sizes the draft to the length the requirements,
 * criteria and feedback state. Feedback changes the draft: quoted terms are added, "at least N
 * words" makes it longer, "at most N words" shorter, "expand" longer. The same brief always gives
 * the same draft.
 */
public final class OfflineTextWriter implements ChatModel {

  static final int DEFAULT_TARGET_WORDS = 140;

  /** How many key terms of the texts a draft goes with it picks up. */
  private static final int FOLLOWED_TERMS = 4;

  private static final List<String> TEMPLATES =
      List.of(
          "%s sits at the centre of this, and every detail here serves it.",
          "Consider %s first: it shapes what readers expect and what they remember.",
          "With %s and %s working together, the result stays clear and dependable.",
          "Readers who care about %s will find concrete, practical value here.",
          "%s is handled with care, so nothing important is left to chance.",
          "The approach to %s is simple to start with and stays solid as needs grow.",
          "Each step makes %s easier to understand and easier to trust.",
          "Because %s and %s are connected, improving one strengthens the other.",
          "Put plainly, %s turns intent into an outcome people can rely on.",
          "Attention to %s keeps the message focused and credible.",
          "A closer look at %s shows why it matters today and not only later.",
          "%s and %s give the whole piece its shape and its purpose.");

  private final Duration latency;

  /** Creates the writer; each call takes the given simulated time. */
  public OfflineTextWriter(Duration latency) {
    this.latency = latency == null ? Duration.ZERO : latency;
  }

  @Override
  public ChatResponse doChat(ChatRequest request) {
    OfflineModels.simulateLatency(latency);
    String brief = Briefs.userText(request);
    String requirements = Briefs.read(brief, Briefs.ORIGINAL_REQUIREMENTS);
    if (requirements == null) {
      requirements = Briefs.read(brief, Briefs.REQUIREMENTS);
    }
    if (requirements == null) {
      requirements = brief;
    }
    List<String> criteria = Briefs.bulletsOf(Briefs.read(brief, Briefs.CRITERIA));
    String feedback = Briefs.read(brief, Briefs.FEEDBACK);
    String draft =
        write(requirements, criteria, feedback, Briefs.read(brief, Briefs.TEXTS_TO_FOLLOW));
    return OfflineModels.response(
        OfflineModels.TEXT_WRITER, OfflineModels.inputText(request), draft);
  }

  /** Writes the draft for requirements, criteria and optional feedback. */
  static String write(String requirements, List<String> criteria, String feedback) {
    return write(requirements, criteria, feedback, null);
  }

  /**
   * Writes the draft for requirements, criteria, optional feedback and the texts the draft goes
   * with (null for none), whose key terms it picks up.
   */
  static String write(
      String requirements, List<String> criteria, String feedback, String followed) {
    List<String> terms = terms(requirements, criteria, feedback, followed);
    LengthLimits limits = LengthLimits.from(requirements, String.join("\n", criteria), feedback);
    int target = targetWords(limits, feedback);
    String opening = opening(requirements, terms);
    Random random = new Random(seed(requirements, criteria, feedback));

    List<String> sentences = new ArrayList<>();
    sentences.add(opening);
    int words = LengthLimits.countWords(opening);
    int next = 0;
    boolean covered = terms.isEmpty();
    while (!covered || words < target) {
      String template = TEMPLATES.get(random.nextInt(TEMPLATES.size()));
      int slots = template.split("%s", -1).length - 1;
      Object[] fill = new Object[slots];
      for (int i = 0; i < slots; i++) {
        fill[i] = terms.isEmpty() ? "the subject" : terms.get(next++ % terms.size());
      }
      covered = covered || next >= terms.size();
      String sentence = capitalize(String.format(Locale.ROOT, template, fill));
      sentences.add(sentence);
      words += LengthLimits.countWords(sentence);
    }
    String draft = paragraphs(sentences);
    if (LengthLimits.countWords(draft) > limits.maxWords()) {
      draft = compact(opening, terms, limits.maxWords());
    }
    return draft;
  }

  /**
   * Returns the terms to weave in: required ones first, then the key terms of the texts the draft
   * goes with, then the key terms of the brief.
   */
  private static List<String> terms(
      String requirements, List<String> criteria, String feedback, String followed) {
    Set<String> terms = new LinkedHashSet<>(KeyTerms.requiredBy(criteria));
    terms.addAll(KeyTerms.quoted(feedback));
    Set<String> stems = new LinkedHashSet<>();
    terms.forEach(term -> stems.add(KeyTerms.stem(term)));
    for (KeyTerms.Term term : KeyTerms.top(followed, FOLLOWED_TERMS)) {
      if (stems.add(term.stem())) {
        terms.add(term.word());
      }
    }
    for (KeyTerms.Term term : KeyTerms.top(requirements, 12)) {
      if (stems.add(term.stem())) {
        terms.add(term.word());
      }
    }
    return List.copyOf(terms);
  }

  private static int targetWords(LengthLimits limits, String feedback) {
    int target = DEFAULT_TARGET_WORDS;
    if (feedback != null
        && feedback.toLowerCase(Locale.ROOT).matches("(?s).*\\b(expand|longer)\\b.*")) {
      target = target * 3 / 2;
    }
    target = Math.max(target, limits.minWords() + limits.minWords() / 5 + 5);
    return Math.max(1, Math.min(target, limits.maxWords() - limits.maxWords() / 10));
  }

  private static String opening(String requirements, List<String> terms) {
    String subject = OfflinePromptWriter.subject(requirements, null);
    if (subject != null) {
      return "This is " + subject + ".";
    }
    if (terms.isEmpty()) {
      return "This text answers the brief.";
    }
    return "This text is about "
        + String.join(", ", terms.subList(0, Math.min(3, terms.size())))
        + ".";
  }

  private static String compact(String opening, List<String> terms, int maxWords) {
    String text = terms.isEmpty() ? opening : capitalize(String.join(", ", terms)) + ".";
    if (LengthLimits.countWords(opening + " " + text) <= maxWords) {
      text = opening + " " + text;
    }
    String[] words = text.split("\\s+");
    if (words.length <= maxWords) {
      return text;
    }
    return String.join(" ", Arrays.copyOf(words, maxWords));
  }

  private static String paragraphs(List<String> sentences) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < sentences.size(); i++) {
      if (i > 0) {
        text.append(i % 4 == 0 ? "\n\n" : " ");
      }
      text.append(sentences.get(i));
    }
    return text.toString();
  }

  private static long seed(String requirements, List<String> criteria, String feedback) {
    return ((long) requirements.hashCode() << 32)
        ^ (31L * criteria.hashCode())
        ^ (feedback == null ? 0 : feedback.hashCode());
  }

  private static String capitalize(String text) {
    return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
  }
}
