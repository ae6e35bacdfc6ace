/** Settings of the starter, bound to immutable records and validated at start-up. */
package dev.conveyor.starter.config;
