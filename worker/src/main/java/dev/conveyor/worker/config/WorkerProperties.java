package dev.conveyor.worker.config;

import dev.conveyor.activities.catalog.ModelPrice;
import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.routing.BudgetSettings;
import dev.conveyor.artifacts.ArtifactSettings;
import dev.conveyor.workflow.JobWorkflow;
import dev.conveyor.workflow.model.Step;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The worker's settings under {@code conveyor.*}.
 *
 * @param temporal where the worker finds Temporal and which task queue it serves
 * @param artifacts where content is stored: a folder or an S3 bucket
 * @param models the model of each step; steps left out use the built-in offline models
 * @param offline how the offline models behave
 * @param pricing the price table of well-known models
 * @param budget the default budget, the budget policy and the economy models
 * @param observability what the model calls' log lines carry
 * @param profiles the named routing profiles beside {@code default} (which is {@code models}), each
 *     with its own model of each step; steps a profile leaves out use the offline models
 */
@ConfigurationProperties("conveyor")
public record WorkerProperties(
    Temporal temporal,
    ArtifactSettings artifacts,
    Map<Step, ModelSettings> models,
    OfflineSettings offline,
    Pricing pricing,
    BudgetSettings budget,
    Observability observability,
    Map<String, Profile> profiles) {

  public WorkerProperties {
    profiles = profiles == null ? Map.of() : Map.copyOf(profiles);
    pricing = pricing == null ? new Pricing(null) : pricing;
    budget = budget == null ? BudgetSettings.defaults() : budget;
    observability = observability == null ? new Observability(false) : observability;
    temporal = temporal == null ? new Temporal(null, null, null, null) : temporal;
    artifacts = artifacts == null ? new ArtifactSettings(null, null, null) : artifacts;
    models = models == null ? Map.of() : Map.copyOf(models);
    offline = offline == null ? new OfflineSettings(0, Duration.ZERO) : offline;
  }

  /**
   * Temporal settings. The connection itself (target, namespace, TLS, API key) is the Temporal Boot
   * starter's {@code spring.temporal.*}.
   *
   * @param taskQueue the task queue this worker serves
   * @param embedded the local test server started inside the worker (single-JVM use; off by
   *     default)
   * @param testServer whether the target is a Temporal test server (embedded, which implies it, or
   *     standalone): the worker then turns sticky queues off, which the test server cannot time out
   *     after a crash; false (a real Temporal server) keeps sticky queues on
   * @param stepQueues the task queue of each step kind that has its own, for example {@code
   *     image-generation: conveyor-images}; steps left out or left blank run on {@code taskQueue}.
   *     Every worker that runs the job workflow needs the same map (see {@code
   *     docs/task-queues.md})
   */
  public record Temporal(
      String taskQueue, Embedded embedded, Boolean testServer, Map<Step, String> stepQueues) {
    public Temporal {
      taskQueue = taskQueue == null ? JobWorkflow.DEFAULT_TASK_QUEUE : taskQueue;
      embedded = embedded == null ? new Embedded(false, null, null) : embedded;
      testServer = embedded.enabled() || Boolean.TRUE.equals(testServer);
      stepQueues = stepQueues == null ? Map.of() : withoutBlanks(stepQueues);
    }

    /** A blank queue, as an empty environment variable gives, keeps the step on the main queue. */
    private static Map<Step, String> withoutBlanks(Map<Step, String> queues) {
      Map<Step, String> kept = new EnumMap<>(Step.class);
      queues.forEach(
          (step, queue) -> {
            if (queue != null && !queue.isBlank()) {
              kept.put(step, queue.strip());
            }
          });
      return Collections.unmodifiableMap(kept);
    }
  }

  /**
   * The embedded Temporal test server.
   *
   * @param enabled whether the worker starts it
   * @param host the address it binds; loopback by default, so nothing outside the machine reaches
   *     it
   * @param port the port it listens on
   */
  public record Embedded(boolean enabled, String host, Integer port) {
    public Embedded {
      host = host == null ? "127.0.0.1" : host;
      port = port == null ? 7233 : port;
    }
  }

  /**
   * Observability settings.
   *
   * @param logContent whether each model call's log line also carries the prompt and output text
   *     (fields {@code prompt} and {@code output}); off by default, since they may hold personal
   *     data
   */
  public record Observability(boolean logContent) {}

  /**
   * A routing profile: a named set of model chains, in the shape of {@code conveyor.models}.
   *
   * @param models the model of each step; steps left out use the built-in offline models
   */
  public record Profile(Map<Step, ModelSettings> models) {
    public Profile {
      models = models == null ? Map.of() : Map.copyOf(models);
    }
  }

  /**
   * The price table.
   *
   * @param models the price of each model, keyed {@code provider/model}; in YAML write the key in
   *     brackets and quotes, for example {@code "[openai/gpt-4.1-mini]"}, so that Spring keeps the
   *     slash and the dots
   */
  public record Pricing(Map<String, ModelPrice> models) {
    public Pricing {
      models = models == null ? Map.of() : Map.copyOf(models);
    }
  }
}
