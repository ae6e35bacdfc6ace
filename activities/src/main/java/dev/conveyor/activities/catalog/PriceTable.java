package dev.conveyor.activities.catalog;

import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The price of each model, as configured under {@code conveyor.pricing.models} with keys {@code
 * provider/model}, for example {@code openai/gpt-4o}. A model's own prices ({@code
 * conveyor.models.<step>.input-usd-per-million} and the others) win over the table. Offline models
 * are free. A paid model found in neither place is counted as free, with one warning per model: a
 * local server (Ollama, vLLM) costs nothing, while a missing price for a paid API only makes the
 * cost and the budget blind to it, which the warning says.
 */
public final class PriceTable {

  private static final Logger log = LoggerFactory.getLogger(PriceTable.class);

  private final Map<String, ModelPrice> prices;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  /** Creates the table; keys are {@code provider/model}, compared without regard to case. */
  public PriceTable(Map<String, ModelPrice> prices) {
    Map<String, ModelPrice> byKey = new TreeMap<>();
    if (prices != null) {
      prices.forEach((key, price) -> byKey.put(normalize(key), price));
    }
    this.prices = Collections.unmodifiableMap(byKey);
  }

  /** Returns an empty table: only the models' own prices count. */
  public static PriceTable empty() {
    return new PriceTable(Map.of());
  }

  /** Returns the table's price of a model, null when it has none. */
  public ModelPrice find(String modelId) {
    return prices.get(normalize(modelId));
  }

  /** Returns the settings with their prices: their own, the table's, or none (free, warned). */
  public ModelSettings price(ModelSettings settings) {
    if (settings.isOffline() || settings.isPriced()) {
      return settings;
    }
    ModelPrice price = find(settings.modelId());
    if (price != null) {
      return settings.withPrice(price);
    }
    if (warned.add(settings.modelId())) {
      log.warn(
          "{} has no price (neither conveyor.pricing.models.\"[{}]\" nor its own"
              + " input-usd-per-million): its calls are counted as free",
          settings.modelId(),
          settings.modelId());
    }
    return settings;
  }

  /** Returns every priced model, {@code provider/model} in lower case, to its price. */
  public Map<String, ModelPrice> entries() {
    return prices;
  }

  private static String normalize(String key) {
    String trimmed = key.strip().toLowerCase(Locale.ROOT);
    // Spring keeps the brackets of a map key with dots or slashes when the YAML quotes them oddly.
    if (trimmed.startsWith("[") && trimmed.endsWith("]")) {
      trimmed = trimmed.substring(1, trimmed.length() - 1);
    }
    return trimmed;
  }
}
