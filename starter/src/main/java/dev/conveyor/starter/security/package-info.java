/**
 * Who may do what: API keys and (optionally) OAuth2 JWTs for services on {@code /api/**}, form
 * login with a session and CSRF tokens for the console, the roles submitter, reviewer and admin,
 * the rule that a reviewer may not approve a job they submitted, and the refusal to serve a
 * non-loopback address with a development credential.
 */
package dev.conveyor.starter.security;
