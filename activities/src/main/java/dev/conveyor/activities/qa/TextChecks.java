package dev.conveyor.activities.qa;

import dev.conveyor.activities.text.KeyTerms;
import dev.conveyor.activities.text.LengthLimits;
import dev.conveyor.workflow.model.QaVerdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Deterministic checks of a text output against its requirements and criteria.
 *
 * <ul>
 *   <li>Length: within the words the requirements or criteria state ("at most 200 words"), else at
 *       least {@value LengthLimits#DEFAULT_MIN_WORDS} and at most {@value
 *       LengthLimits#DEFAULT_MAX_WORDS} words.
 *   <li>Required terms: the {@value #KEY_TERMS_REQUIRED} key terms of the requirements, every term
 *       a criterion quotes, and every term a criterion lists after "required terms:" or "mention
 *       the words".
 *   <li>Relevance: the share of the requirements' {@value #RELEVANCE_TERMS} key terms that the
 *       output uses, at least {@value #MIN_RELEVANCE}.
 * </ul>
 *
 * The score weighs the three (terms 0.4, relevance 0.4, length 0.2); the feedback says what the
 * next attempt must change, with missing terms in double quotes.
 */
public final class TextChecks {

  public static final int KEY_TERMS_REQUIRED = 5;
  public static final int RELEVANCE_TERMS = 20;
  public static final double MIN_RELEVANCE = 0.35;

  /** Checks a text output. */
  public QaVerdict check(String requirements, List<String> criteria, String output) {
    List<String> criteriaList = criteria == null ? List.of() : criteria;
    if (output == null || output.isBlank()) {
      return new QaVerdict(
          false,
          0,
          List.of("the output is empty"),
          "Write the text the requirements ask for; the previous output was empty.");
    }
    List<String> issues = new ArrayList<>();
    List<String> feedback = new ArrayList<>();

    LengthLimits limits = LengthLimits.from(requirements, String.join("\n", criteriaList));
    int words = LengthLimits.countWords(output);
    boolean lengthOk = true;
    if (words < limits.minWords()) {
      lengthOk = false;
      issues.add("too short: " + words + " words, at least " + limits.minWords() + " required");
      feedback.add("Expand the text to at least " + limits.minWords() + " words.");
    } else if (words > limits.maxWords()) {
      lengthOk = false;
      issues.add("too long: " + words + " words, at most " + limits.maxWords() + " allowed");
      feedback.add("Shorten the text to at most " + limits.maxWords() + " words.");
    }

    List<String> required = requiredTerms(requirements, criteriaList);
    List<String> missing =
        required.stream().filter(term -> !KeyTerms.mentions(output, term)).toList();
    if (!missing.isEmpty()) {
      issues.add("missing required terms: " + quote(missing));
      feedback.add("Mention " + quote(missing) + " explicitly.");
    }
    double coverage = required.isEmpty() ? 1 : 1 - (double) missing.size() / required.size();

    List<KeyTerms.Term> keyTerms = KeyTerms.top(requirements, RELEVANCE_TERMS);
    double relevance = relevance(keyTerms, output);
    if (relevance < MIN_RELEVANCE) {
      issues.add(
          String.format(
              Locale.ROOT,
              "off topic: uses %.0f%% of the key terms of the requirements, at least %.0f%%"
                  + " expected",
              relevance * 100,
              MIN_RELEVANCE * 100));
      feedback.add(
          "Stay on the subject of the requirements and use their key terms, such as "
              + quote(unused(keyTerms, output))
              + ".");
    }

    double score =
        0.4 * coverage + 0.4 * Math.min(1, relevance / (2 * MIN_RELEVANCE)) + (lengthOk ? 0.2 : 0);
    score = Math.round(score * 100) / 100.0;
    if (issues.isEmpty()) {
      return new QaVerdict(true, score, List.of(), "Meets the length, term and relevance checks.");
    }
    return new QaVerdict(false, Math.min(score, 0.5), issues, String.join(" ", feedback));
  }

  /** Returns the terms an output must contain. */
  public static List<String> requiredTerms(String requirements, List<String> criteria) {
    List<String> required = new ArrayList<>(KeyTerms.requiredBy(criteria));
    for (KeyTerms.Term term : KeyTerms.top(requirements, KEY_TERMS_REQUIRED)) {
      boolean known = required.stream().anyMatch(r -> KeyTerms.stem(r).equals(term.stem()));
      if (!known) {
        required.add(term.word());
      }
    }
    return required;
  }

  private static double relevance(List<KeyTerms.Term> keyTerms, String output) {
    if (keyTerms.size() < 3) {
      return 1;
    }
    var stems = KeyTerms.stems(output);
    long used = keyTerms.stream().filter(term -> stems.contains(term.stem())).count();
    return (double) used / keyTerms.size();
  }

  private static List<String> unused(List<KeyTerms.Term> keyTerms, String output) {
    var stems = KeyTerms.stems(output);
    return keyTerms.stream()
        .filter(term -> !stems.contains(term.stem()))
        .map(KeyTerms.Term::word)
        .limit(6)
        .toList();
  }

  private static String quote(List<String> terms) {
    return String.join(", ", terms.stream().map(term -> "\"" + term + "\"").toList());
  }
}
