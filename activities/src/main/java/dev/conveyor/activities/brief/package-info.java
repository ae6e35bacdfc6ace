/**
 * The messages Conveyor sends to models, in one place: what the prompt writer and the writer are
 * told, in sections that both real models and the offline models read.
 */
package dev.conveyor.activities.brief;
