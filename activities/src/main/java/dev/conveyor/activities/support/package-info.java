/**
 * What every model-backed activity shares: heartbeating while a call blocks, translating model
 * errors into Temporal failures, accounting and logging each call, and the message formats sent to
 * the models.
 */
package dev.conveyor.activities.support;
