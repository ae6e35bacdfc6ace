package dev.conveyor.activities.modelcall;

import io.temporal.activity.Activity;
import io.temporal.activity.ActivityExecutionContext;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far an activity has got along its step's chain of models: the heartbeat details of every
 * model-backed activity. Temporal keeps the last heartbeat details of a failed attempt and hands
 * them to the next attempt, so a retry resumes on the model the last attempt was using, with its
 * count of transient failures and the reasons the models before it were skipped.
 *
 * @param doing what the activity is doing, for the Temporal UI, for example {@code TEXT_GENERATION
 *     openai/gpt-4o · 3 s}; never prompt or output text
 * @param model the position in the chain of the model in use, 0 for the step's first model
 * @param transientFailures the transient failures in a row of that model, across attempts
 * @param skipped one line per model skipped so far: {@code provider/model: why}
 * @param spentUsd what the step's calls that did not serve cost so far (answers it could not use
 *     are billed all the same)
 */
public record ChainProgress(
    String doing, int model, int transientFailures, List<String> skipped, BigDecimal spentUsd) {

  private static final Logger log = LoggerFactory.getLogger(ChainProgress.class);

  public ChainProgress {
    doing = doing == null ? "" : doing;
    skipped = skipped == null ? List.of() : List.copyOf(skipped);
    spentUsd = spentUsd == null ? BigDecimal.ZERO : spentUsd;
  }

  /** Returns the progress of a first attempt: the first model, no failures. */
  public static ChainProgress start() {
    return new ChainProgress("", 0, 0, List.of(), BigDecimal.ZERO);
  }

  /**
   * Returns the progress the current activity recorded, in this attempt or the last one; a first
   * attempt, or a call outside an activity, starts at the first model.
   */
  public static ChainProgress resumed() {
    ActivityExecutionContext context;
    try {
      context = Activity.getExecutionContext();
    } catch (IllegalStateException notInAnActivity) {
      return start();
    }
    try {
      return context.getHeartbeatDetails(ChainProgress.class).orElseGet(ChainProgress::start);
    } catch (RuntimeException unreadable) {
      // Details from another version of the activity: start again at the first model.
      log.debug("heartbeat details unreadable; starting at the first model", unreadable);
      return start();
    }
  }

  /** Returns this progress doing something else. */
  public ChainProgress doing(String what) {
    return new ChainProgress(what, model, transientFailures, skipped, spentUsd);
  }

  /** Returns this progress after one more transient failure of the current model. */
  public ChainProgress withTransientFailure() {
    return new ChainProgress(doing, model, transientFailures + 1, skipped, spentUsd);
  }

  /** Returns the progress on the next model, after skipping the current one for a reason. */
  public ChainProgress skipping(String line) {
    List<String> lines = new ArrayList<>(skipped);
    lines.add(line);
    return new ChainProgress(doing, model + 1, 0, lines, spentUsd);
  }

  /** Returns this progress after calls that did not serve but cost something. */
  public ChainProgress spending(BigDecimal usd) {
    return usd.signum() == 0
        ? this
        : new ChainProgress(doing, model, transientFailures, skipped, spentUsd.add(usd));
  }
}
