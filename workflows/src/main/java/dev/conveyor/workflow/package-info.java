/** The job workflow: its interface, implementation and search attributes. */
package dev.conveyor.workflow;
