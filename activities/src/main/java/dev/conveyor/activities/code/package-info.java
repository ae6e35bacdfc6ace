/**
 * Code checks: one checker per language behind {@link dev.conveyor.activities.code.CodeChecker},
 * each a maintained parser (jsoup for HTML, Jackson and a JSON Schema validator for JSON,
 * JSqlParser for SQL, JavaParser for Java) whose messages, with line and column, become the QA
 * feedback; and the extraction of code from a model answer that wraps it in a Markdown fence.
 * Generated code is parsed and read, never executed.
 *
 * <p>It may touch the parsers, the workflow's records of languages and verdicts; no model, no
 * store, no network.
 */
package dev.conveyor.activities.code;
