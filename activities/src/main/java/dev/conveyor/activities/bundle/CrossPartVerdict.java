package dev.conveyor.activities.bundle;

import dev.conveyor.workflow.model.QaVerdict;

/**
 * A cross-part judge's answer: the verdict, and the part it holds at fault.
 *
 * @param part with a failing verdict, the part that must change; with a passing one, the part
 *     checked
 * @param verdict whether the parts agree; the feedback is what the part at fault's next run acts on
 */
record CrossPartVerdict(String part, QaVerdict verdict) {}
