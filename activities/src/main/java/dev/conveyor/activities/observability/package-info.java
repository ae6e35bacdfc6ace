/**
 * The call log and the model-call metrics: one structured log line per real model call, and the
 * OpenTelemetry GenAI client metrics plus Conveyor's cost counter in a Micrometer registry.
 *
 * <p>It may touch a call's site ({@code activities.modelcall.CallSite}) and model ({@code
 * activities.catalog.ModelSettings}), Micrometer, SLF4J and the Temporal activity context. It
 * records what it is given and decides nothing.
 */
package dev.conveyor.activities.observability;
