/**
 * The {@code offline} provider: deterministic models that run inside the worker without a network
 * or a key. They are real LangChain4j models: a prompt writer, a text writer and a coder (small
 * HTML, JSON, SQL and Java that parse) that answer chat requests, a painter that draws a PNG with
 * Java2D and writes what it shows into its pixels, and a cross-part judge that reads it back from a
 * bundle's images. The same input always gives the same output, they report estimated token usage,
 * and they cost nothing. A configurable latency lets a demo or a crash test kill a worker in the
 * middle of a call.
 *
 * <p>It may touch the briefs, the text analysis ({@code activities.text}), Jackson and
 * LangChain4j's model interfaces; never a network.
 */
package dev.conveyor.activities.offline;
