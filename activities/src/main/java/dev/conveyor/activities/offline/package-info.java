/**
 * The {@code offline} provider: deterministic models that run inside the worker without a network
 * or a key. They are real LangChain4j models: a prompt writer and a text writer that answer chat
 * requests, and a painter that draws a PNG with Java2D. The same input always gives the same
 * output, they report estimated token usage, and they cost nothing. A configurable latency lets a
 * demo or a crash test kill a worker in the middle of a call.
 *
 * <p>It may touch the briefs and the text analysis ({@code activities.text}), and LangChain4j's
 * model interfaces; never a network.
 */
package dev.conveyor.activities.offline;
