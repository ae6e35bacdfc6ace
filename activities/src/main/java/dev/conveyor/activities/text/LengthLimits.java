package dev.conveyor.activities.text;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The length, in words, that a text asks for: "at least 80 words", "no more than 200 words",
 * "between 50 and 100 words", "50-100 words". Without such a statement the defaults apply.
 *
 * @param minWords the fewest words allowed
 * @param maxWords the most words allowed
 */
public record LengthLimits(int minWords, int maxWords) {

  /** The fewest words a text output may have when nothing says otherwise. */
  public static final int DEFAULT_MIN_WORDS = 10;

  /** The most words a text output may have when nothing says otherwise. */
  public static final int DEFAULT_MAX_WORDS = 5_000;

  private static final String NUMBER = "(\\d{1,5})";
  private static final Pattern RANGE =
      Pattern.compile(
          "(?:between\\s+"
              + NUMBER
              + "\\s+and\\s+"
              + NUMBER
              + "|"
              + NUMBER
              + "\\s*[-–]\\s*"
              + NUMBER
              + ")\\s+words",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MIN =
      Pattern.compile(
          "(?:at\\s+least|a\\s+minimum\\s+of|minimum\\s+of|min(?:imum)?\\.?|no\\s+fewer\\s+than"
              + "|not\\s+less\\s+than)\\s+"
              + NUMBER
              + "\\s+words",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern MAX =
      Pattern.compile(
          "(?:at\\s+most|a\\s+maximum\\s+of|maximum\\s+of|max(?:imum)?\\.?|no\\s+more\\s+than"
              + "|not\\s+more\\s+than|(?<!no\\s)(?<!not\\s)(?:fewer|less)\\s+than|under|up\\s+to"
              + "|within)\\s+"
              + NUMBER
              + "\\s+words",
          Pattern.CASE_INSENSITIVE);

  /**
   * Reads the limits that any of the texts state. The strictest statement wins; when only a maximum
   * is stated below the default minimum, the minimum drops to half the maximum.
   */
  public static LengthLimits from(String... texts) {
    Integer min = null;
    Integer max = null;
    for (String text : texts) {
      if (text == null) {
        continue;
      }
      Matcher range = RANGE.matcher(text);
      while (range.find()) {
        int low = Integer.parseInt(range.group(1) != null ? range.group(1) : range.group(3));
        int high = Integer.parseInt(range.group(2) != null ? range.group(2) : range.group(4));
        min = min == null ? low : Math.max(min, low);
        max = max == null ? high : Math.min(max, high);
      }
      Matcher atLeast = MIN.matcher(text);
      while (atLeast.find()) {
        int value = Integer.parseInt(atLeast.group(1));
        min = min == null ? value : Math.max(min, value);
      }
      Matcher atMost = MAX.matcher(text);
      while (atMost.find()) {
        int value = Integer.parseInt(atMost.group(1));
        max = max == null ? value : Math.min(max, value);
      }
    }
    int maxWords = max == null ? DEFAULT_MAX_WORDS : Math.max(1, max);
    int minWords = min == null ? Math.min(DEFAULT_MIN_WORDS, Math.max(1, maxWords / 2)) : min;
    return new LengthLimits(Math.min(minWords, maxWords), maxWords);
  }

  /** Counts the words of a text, as its whitespace-separated parts. */
  public static int countWords(String text) {
    if (text == null || text.isBlank()) {
      return 0;
    }
    return text.strip().split("\\s+").length;
  }
}
