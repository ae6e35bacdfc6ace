package dev.conveyor.activities.code;

import dev.conveyor.workflow.model.CodeLanguage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Takes code out of a model answer. Models often wrap code in a Markdown fence (a line of three or
 * more backticks or tildes, optionally followed by the language, then the code, then a closing
 * fence), sometimes with prose around it. The first block fenced with the wanted language wins,
 * else the first fenced block; an answer without a fence is taken whole.
 */
public final class CodeFences {

  private CodeFences() {}

  /** A fenced block: its info string (the language, lower case, may be empty) and its body. */
  private record Block(String info, String body) {}

  /** Returns the code of an answer in the given language, stripped. */
  public static String extract(String answer, CodeLanguage language) {
    if (answer == null) {
      return "";
    }
    List<Block> blocks = blocks(answer);
    if (blocks.isEmpty()) {
      return answer.strip();
    }
    String wanted = language == null ? "" : language.id();
    return blocks.stream()
        .filter(block -> block.info().equals(wanted))
        .findFirst()
        .orElse(blocks.get(0))
        .body()
        .strip();
  }

  /** Returns the body of the first fenced block of an answer, or the whole answer, stripped. */
  public static String unwrap(String answer) {
    return extract(answer, null);
  }

  private static List<Block> blocks(String answer) {
    List<Block> blocks = new ArrayList<>();
    String[] lines = answer.split("\\R", -1);
    String fence = null;
    String info = null;
    StringBuilder body = null;
    for (String line : lines) {
      String trimmed = line.strip();
      if (fence == null) {
        String opening = fenceOf(trimmed);
        if (opening != null) {
          fence = opening;
          info = trimmed.substring(opening.length()).strip().split("\\s+")[0];
          info = info.toLowerCase(Locale.ROOT);
          body = new StringBuilder();
        }
      } else if (trimmed.startsWith(fence)
          && trimmed.replace(fence.substring(0, 1), "").isEmpty()) {
        blocks.add(new Block(info, body.toString()));
        fence = null;
      } else {
        body.append(line).append('\n');
      }
    }
    if (fence != null && body.length() > 0) {
      // An answer cut off before its closing fence still carries its code.
      blocks.add(new Block(info, body.toString()));
    }
    return blocks;
  }

  private static String fenceOf(String line) {
    for (char mark : new char[] {'`', '~'}) {
      int count = 0;
      while (count < line.length() && line.charAt(count) == mark) {
        count++;
      }
      if (count >= 3) {
        return line.substring(0, count);
      }
    }
    return null;
  }
}
