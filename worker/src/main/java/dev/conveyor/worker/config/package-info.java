/** The worker's settings, bound from {@code conveyor.*}. */
package dev.conveyor.worker.config;
