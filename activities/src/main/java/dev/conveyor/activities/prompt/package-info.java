/** Prompt generation: a small, cheap model turns the business requirements into a prompt. */
package dev.conveyor.activities.prompt;
