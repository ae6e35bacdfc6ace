/** Spring Boot application hosting the Conveyor Temporal worker. */
package dev.conveyor.worker;
