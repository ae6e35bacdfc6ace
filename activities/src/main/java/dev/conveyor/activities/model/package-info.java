/**
 * Model routing: which providers and models serve each pipeline step, in which order (a first
 * model, then fallbacks), with their prices, validated once at start-up. Providers are {@code
 * offline} (built in, deterministic, free), {@code openai} (any OpenAI-compatible server: OpenAI,
 * Ollama, vLLM), {@code anthropic} and {@code gemini}.
 */
package dev.conveyor.activities.model;
