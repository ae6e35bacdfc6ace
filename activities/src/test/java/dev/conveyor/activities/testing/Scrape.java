package dev.conveyor.activities.testing;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Prometheus text scrape, read the way a query would: by metric name and labels. */
public record Scrape(String text) {

  private static final Pattern SAMPLE =
      Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{(.*)})?\\s+(\\S+)$");

  /** Returns the sum of the samples of a metric whose labels include the given ones. */
  public double sum(String name, Map<String, String> labels) {
    double total = 0;
    for (String line : text.lines().toList()) {
      Matcher sample = SAMPLE.matcher(line);
      if (!sample.matches() || !sample.group(1).equals(name)) {
        continue;
      }
      String labelText = sample.group(3) == null ? "" : sample.group(3);
      boolean all =
          labels.entrySet().stream()
              .allMatch(l -> labelText.contains(l.getKey() + "=\"" + l.getValue() + "\""));
      if (all) {
        total += Double.parseDouble(sample.group(4));
      }
    }
    return total;
  }

  /** Returns the sample lines of a metric, for messages. */
  public List<String> lines(String name) {
    return text.lines().filter(line -> line.startsWith(name)).toList();
  }

  /** Returns the names of every metric in the scrape. */
  public List<String> names() {
    return text.lines()
        .map(SAMPLE::matcher)
        .filter(Matcher::matches)
        .map(m -> m.group(1))
        .distinct()
        .toList();
  }
}
