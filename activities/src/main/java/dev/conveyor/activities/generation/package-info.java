/**
 * Generation: the primary model turns the prompt, and any feedback, into the output, which is
 * stored in the artifact store.
 */
package dev.conveyor.activities.generation;
