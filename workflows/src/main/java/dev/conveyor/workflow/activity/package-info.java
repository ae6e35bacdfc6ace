/** Activity interfaces and the records they exchange with the workflow. */
package dev.conveyor.workflow.activity;
