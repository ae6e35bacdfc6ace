/**
 * The core of every model call, shared by the model-backed activities: walking a step's chain of
 * models (the first, then its fallbacks), resuming on the same model when Temporal retries the
 * activity ({@code ChainProgress} in the heartbeat details), heartbeating while a call blocks,
 * reading what a model answered, and turning model errors into Temporal failures, retryable or not.
 *
 * <p>It may touch the model catalog ({@code activities.catalog}) for the routes and clients, the
 * call log ({@code activities.observability}) to record each call, the artifact store's not-found
 * exception, the workflow's records and activity errors, LangChain4j and the Temporal activity API.
 * It knows nothing of any one step's prompts or checks.
 */
package dev.conveyor.activities.modelcall;
