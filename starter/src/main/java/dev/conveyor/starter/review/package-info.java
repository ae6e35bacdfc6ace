/**
 * Reviewers' decisions, for the REST API and the console alike: the reviewer is the authenticated
 * principal, and a reviewer may not approve a job they submitted unless configured to.
 */
package dev.conveyor.starter.review;
