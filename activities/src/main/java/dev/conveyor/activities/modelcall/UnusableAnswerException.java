package dev.conveyor.activities.modelcall;

/**
 * A model answered, but not in the form the step needs: empty text, a verdict that is not the
 * documented JSON, an image that cannot be read. The model chain asks the same model once more,
 * then moves on to the next model.
 */
public class UnusableAnswerException extends RuntimeException {

  private final String problem;

  public UnusableAnswerException(String model, String problem) {
    super(model + " gave an unusable answer: " + problem);
    this.problem = problem;
  }

  /** Returns what is wrong with the answer, without the model. */
  public String problem() {
    return problem;
  }
}
