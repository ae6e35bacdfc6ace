package dev.conveyor.activities.routing;

import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.workflow.activity.BudgetSheet.CallPrice;
import dev.conveyor.workflow.model.Step;

/**
 * The expected size of one call of each step, from which the workflow estimates what a call will
 * cost before it makes it. The figures are generous typical sizes of Conveyor's own prompts; the
 * workflow raises an estimate to the most a call of the same step and model has cost in the job so
 * far, so a job's own calls correct them.
 *
 * <table>
 *   <caption>Expected tokens per call</caption>
 *   <tr><th>step</th><th>input</th><th>output</th></tr>
 *   <tr><td>PROMPT</td><td>800</td><td>400</td></tr>
 *   <tr><td>TEXT_GENERATION</td><td>1,500</td><td>the model's max-tokens, else 1,000</td></tr>
 *   <tr><td>IMAGE_GENERATION</td><td>0 (one image)</td><td>0</td></tr>
 *   <tr><td>TEXT_QA</td><td>2,500</td><td>300</td></tr>
 *   <tr><td>VISION_QA</td><td>1,500</td><td>300</td></tr>
 * </table>
 */
final class CallEstimates {

  private CallEstimates() {}

  /** Returns the price and expected size of a call of the step on the model. */
  static CallPrice of(Step step, ModelSettings model) {
    long input;
    long output;
    int images = 0;
    switch (step) {
      case PROMPT -> {
        input = 800;
        output = 400;
      }
      case TEXT_GENERATION -> {
        input = 1_500;
        output = model.maxTokens() == null ? 1_000 : model.maxTokens();
      }
      case IMAGE_GENERATION -> {
        input = 0;
        output = 0;
        images = 1;
      }
      case TEXT_QA -> {
        input = 2_500;
        output = 300;
      }
      default -> {
        input = 1_500;
        output = 300;
      }
    }
    if (model.isOffline()) {
      return new CallPrice(model.modelId(), null, null, null, input, output, images);
    }
    var price = model.price();
    return new CallPrice(
        model.modelId(),
        price.inputPerMillion(),
        price.outputPerMillion(),
        price.perImage(),
        input,
        output,
        images);
  }
}
