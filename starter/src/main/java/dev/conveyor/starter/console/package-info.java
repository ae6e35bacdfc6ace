/**
 * The reviewers' console, rendered on the server with Thymeleaf: an inbox of the jobs awaiting a
 * decision, a page per job with everything the store recorded, decision forms protected by CSRF
 * tokens, and a small polling script that refreshes a job page when the job moves on.
 */
package dev.conveyor.starter.console;
