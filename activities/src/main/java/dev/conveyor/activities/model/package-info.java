/**
 * Model routing: which provider and model serve each pipeline step, with their prices, validated
 * once at start-up. Providers are {@code offline} (built in, deterministic, free) and {@code
 * openai} (any OpenAI-compatible server: OpenAI, Ollama, vLLM).
 */
package dev.conveyor.activities.model;
