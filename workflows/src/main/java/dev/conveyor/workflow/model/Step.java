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
    return switch (kind) {
      case IMAGE -> IMAGE_GENERATION;
      case CODE -> CODE_GENERATION;
      case TEXT -> TEXT_GENERATION;
    };
  }

  /** Returns the QA step for an output kind. */
  public static Step qaFor(OutputKind kind) {
    return switch (kind) {
      case IMAGE -> VISION_QA;
      case CODE -> CODE_QA;
      case TEXT -> TEXT_QA;
    };
  }
}
