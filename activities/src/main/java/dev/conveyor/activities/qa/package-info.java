/**
 * Automated QA: cheap deterministic checks that always run first, and an optional model judge that
 * sees the output only when they pass.
 */
package dev.conveyor.activities.qa;
