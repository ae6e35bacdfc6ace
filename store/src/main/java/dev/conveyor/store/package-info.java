/** The job store: what listing, the reviewers' console and the audit trail read. */
package dev.conveyor.store;
