/**
 * The messages Conveyor sends to models, in one place: what the prompt writer and the writer are
 * told, in sections that both real models and the offline models read.
 *
 * <p>It may touch the workflow's records and LangChain4j's messages; it calls no model.
 */
package dev.conveyor.activities.brief;
