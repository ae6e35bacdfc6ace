/**
 * Conveyor's processes started for tests: {@link dev.conveyor.stack.LocalStack} runs a Temporal
 * test server JVM, the job store's PostgreSQL, worker JVMs and a starter JVM on loopback and free
 * ports, and talks to them over REST and Temporal's API as a service would; {@link
 * dev.conveyor.stack.JavaProcess} is one such JVM. It owns no production code: it may use the
 * worker's embedded servers and the client's payload codec, and nothing may depend on it but the
 * test suites ({@code e2e}, {@code reliability}).
 */
package dev.conveyor.stack;
