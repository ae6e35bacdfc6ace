package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.QaVerdict;

/**
 * What a QA check found.
 *
 * @param verdict the verdict
 * @param call the model call that judged, or the deterministic check as a zero-cost call
 */
public record QaResult(QaVerdict verdict, ModelCall call) {}
