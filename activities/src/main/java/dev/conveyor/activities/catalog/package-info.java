/**
 * The model catalog: which providers and models serve each pipeline step, in which order (a first
 * model, then fallbacks), with their prices, validated once at start-up, and the LangChain4j
 * clients built for them (with {@code Retry-After} read from the provider's answers). Providers are
 * {@code offline} (built in, deterministic, free), {@code openai} (any OpenAI-compatible server:
 * OpenAI, Ollama, vLLM), {@code anthropic} and {@code gemini}.
 *
 * <p>It may touch the offline models ({@code activities.offline}), the workflow's records of steps
 * and tiers, and the LangChain4j providers. It makes no call itself: {@code activities.modelcall}
 * does.
 */
package dev.conveyor.activities.catalog;
