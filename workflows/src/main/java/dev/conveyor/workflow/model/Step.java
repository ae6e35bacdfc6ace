package dev.conveyor.workflow.model;

/** A model-backed step of the pipeline; each step is routed to its own model. */
public enum Step {
  PROMPT,
  TEXT_GENERATION,
  IMAGE_GENERATION,
  TEXT_QA,
  VISION_QA,
  CODE_GENERATION,
  CODE_QA;

  /** Returns the generation step for an output kind. */
  public static Step generationFor(OutputKind kind) {
    return kind == OutputKind.IMAGE ? IMAGE_GENERATION : TEXT_GENERATION;
  }

  /** Returns the QA step for an output kind. */
  public static Step qaFor(OutputKind kind) {
    return kind == OutputKind.IMAGE ? VISION_QA : TEXT_QA;
  }
}
