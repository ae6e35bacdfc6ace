package dev.conveyor.workflow.activity;

import io.temporal.activity.ActivityInterface;
import io.temporal.activity.ActivityMethod;

/**
 * Generates and checks CODE outputs. Generated code is only parsed and read, never compiled to
 * classes, run, or sent to a database.
 */
@ActivityInterface
public interface CodeActivities {

  /**
   * Generates code in the spec's language from the prompt and any feedback with the models of the
   * {@code code-generation} step, stores it with the language's content type and returns its
   * reference.
   */
  @ActivityMethod(name = "GenerateCode")
  StepResult generateCode(CodeGenerationRequest request);

  /**
   * Judges code: the language's parser and the spec's checks first, with the parser's messages as
   * feedback; when they pass, the judge of the {@code code-qa} step reviews the code against the
   * requirements.
   */
  @ActivityMethod(name = "CheckCode")
  QaResult checkCode(CodeQaRequest request);
}
