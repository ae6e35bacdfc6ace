/**
 * The worker's settings, bound from {@code conveyor.*} into {@code @ConfigurationProperties}
 * records and validated at start-up.
 *
 * <p>It may touch the settings records of the {@code activities} module (catalog, offline models,
 * routing, reminders) and the workflow's records; it builds no bean.
 */
package dev.conveyor.worker.config;
