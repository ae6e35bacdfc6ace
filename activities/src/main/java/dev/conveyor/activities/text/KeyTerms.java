package dev.conveyor.activities.text;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the words that carry a text's meaning. A word is significant when it has at least three
 * letters and is not a common function word or a writing instruction ("write", "include"). Words
 * are compared by a light stem, so that "pipelines" matches "pipeline".
 */
public final class KeyTerms {

  /** A significant word, lower case unless the text writes it as a name, with its stem. */
  public record Term(String word, String stem) {}

  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}]*(?:['’-]\\p{L}+)*");
  private static final Pattern QUOTED =
      Pattern.compile(
          "\"([^\"\\n]{1,80})\"|“([^”\\n]{1,80})”|`([^`\\n]{1,80})`"
              + "|(?<![\\p{L}\\p{N}])'([^'\\n]{1,80})'(?![\\p{L}\\p{N}])");
  private static final Pattern NAMED =
      Pattern.compile(
          "(?:(?:required|mandatory)\\s+(?:terms?|words?|keywords?)\\s*:"
              + "|(?:mention|include|contain|use)s?\\s+the\\s+(?:terms?|words?|keywords?)\\s)"
              + "\\s*([^.;:!?\\n]+)",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*(?:,|\\band\\b|\\bor\\b)\\s*");

  private static final Set<String> STOPWORDS =
      Set.of(
          """
          the and for are but not you your yours with this that these those from into onto over
          under than then them they their there here have has had was were will would should
          could can must may might shall about above after again all also any because been before
          being between both each few more most other some such only own same very just what
          which who whom whose when where why how while our ours its his her she him one ones out
          off per via does did doing done make makes made let lets get gets use uses using used
          like well much many every less least way ways without within through across among
          around write writes written writing create creates generate produce draft compose
          describe explain provide include includes including mention mentions need needs want
          wants please ensure keep word words sentence sentences paragraph paragraphs text output
          long short maximum minimum exactly approximately something thing things it's don't
          isn't we're you're draw draws paint design prepare image picture turn turns help helps
          bring brings give gives take takes care cares
          """
              .strip()
              .split("\\s+"));

  private KeyTerms() {}

  /** Returns every word of a text, in order, as it appears. */
  public static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    if (text == null) {
      return words;
    }
    Matcher matcher = WORD.matcher(text);
    while (matcher.find()) {
      words.add(matcher.group());
    }
    return words;
  }

  /** Returns whether a word carries meaning rather than grammar or instructions. */
  public static boolean significant(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return lower.length() >= 3 && !STOPWORDS.contains(lower);
  }

  /** Returns a light stem of a word: lower case, without a plural or common verb ending. */
  public static String stem(String word) {
    String w = word.toLowerCase(Locale.ROOT).replace('’', '\'');
    if (w.endsWith("'s")) {
      w = w.substring(0, w.length() - 2);
    }
    if (w.length() > 4 && w.endsWith("ies")) {
      return w.substring(0, w.length() - 3) + "y";
    }
    if (w.length() > 5 && w.endsWith("ing")) {
      return w.substring(0, w.length() - 3);
    }
    if (w.length() > 4 && w.endsWith("ed")) {
      return w.substring(0, w.length() - 2);
    }
    if (w.length() > 4 && (w.endsWith("ses") || w.endsWith("xes") || w.endsWith("ches"))) {
      return w.substring(0, w.length() - 2);
    }
    if (w.length() > 3 && w.endsWith("s") && !w.endsWith("ss") && !w.endsWith("us")) {
      return w.substring(0, w.length() - 1);
    }
    return w;
  }

  /** Returns the stems of every word of a text. */
  public static Set<String> stems(String text) {
    Set<String> stems = new LinkedHashSet<>();
    for (String word : words(text)) {
      stems.add(stem(word));
    }
    return stems;
  }

  /**
   * Returns the most important significant terms of a text: the most frequent first, ties in the
   * order of first appearance.
   *
   * @param text the text
   * @param limit how many terms to return at most
   */
  public static List<Term> top(String text, int limit) {
    Map<String, String> form = new LinkedHashMap<>();
    Map<String, Integer> counts = new LinkedHashMap<>();
    Matcher matcher = WORD.matcher(text == null ? "" : text);
    while (matcher.find()) {
      String word = matcher.group();
      if (!significant(word)) {
        continue;
      }
      String stem = stem(word);
      counts.merge(stem, 1, Integer::sum);
      boolean name = Character.isUpperCase(word.charAt(0)) && !sentenceStart(text, matcher.start());
      if (name) {
        form.put(stem, word);
      } else {
        form.putIfAbsent(stem, word.toLowerCase(Locale.ROOT));
      }
    }
    List<String> ranked = new ArrayList<>(counts.keySet());
    ranked.sort((a, b) -> counts.get(b) - counts.get(a));
    List<Term> terms = new ArrayList<>();
    for (String stem : ranked.subList(0, Math.min(limit, ranked.size()))) {
      terms.add(new Term(form.get(stem), stem));
    }
    return terms;
  }

  /** Returns whether a position opens a sentence, so that its capital says nothing. */
  private static boolean sentenceStart(String text, int position) {
    for (int i = position - 1; i >= 0; i--) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c) && c != '"' && c != '(' && c != '“') {
        return c == '.' || c == '!' || c == '?' || c == ':' || c == '-' || c == '*';
      }
    }
    return true;
  }

  /** Returns the terms a text puts in quotes or backticks, in order, without duplicates. */
  public static List<String> quoted(String text) {
    Set<String> terms = new LinkedHashSet<>();
    if (text == null) {
      return List.of();
    }
    Matcher matcher = QUOTED.matcher(text);
    while (matcher.find()) {
      for (int group = 1; group <= matcher.groupCount(); group++) {
        String term = matcher.group(group);
        if (term != null && !term.isBlank()) {
          terms.add(term.strip());
        }
      }
    }
    return List.copyOf(terms);
  }

  /**
   * Returns the terms that criteria require: every quoted term, and the terms listed after
   * "required terms:" or "mention the words ...".
   */
  public static List<String> requiredBy(List<String> criteria) {
    Set<String> terms = new LinkedHashSet<>();
    if (criteria == null) {
      return List.of();
    }
    for (String criterion : criteria) {
      if (criterion == null) {
        continue;
      }
      terms.addAll(quoted(criterion));
      Matcher named = NAMED.matcher(criterion);
      while (named.find()) {
        for (String item : LIST_SEPARATOR.split(named.group(1).strip())) {
          String term = item.replaceAll("[\"“”`']", "").strip();
          if (!term.isEmpty() && !term.contains(" ")) {
            terms.add(term);
          }
        }
      }
    }
    return List.copyOf(terms);
  }

  /**
   * Returns whether a text contains a term: a phrase as a whole (ignoring case and spacing), a
   * single word by its stem.
   */
  public static boolean mentions(String text, String term) {
    if (text == null || term == null || term.isBlank()) {
      return false;
    }
    String normalizedTerm = normalize(term);
    if (normalize(text).contains(normalizedTerm) && normalizedTerm.contains(" ")) {
      return true;
    }
    List<String> termWords = words(term);
    if (termWords.size() != 1) {
      return normalize(text).contains(normalizedTerm);
    }
    return stems(text).contains(stem(termWords.get(0)));
  }

  private static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
  }
}
