package dev.conveyor.activities.observability;

import dev.conveyor.activities.catalog.ModelSettings;
import dev.conveyor.activities.modelcall.CallSite;
import dev.conveyor.activities.modelcall.ModelCalls;
import dev.conveyor.workflow.model.Step;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.temporal.activity.Activity;
import io.temporal.activity.ActivityInfo;
import java.math.BigDecimal;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * Accounts for every real model call, at the time it is made and whether it served or failed: one
 * log line with structured fields, and the OpenTelemetry GenAI client metrics plus Conveyor's cost
 * counter. A retried activity records only the calls it really makes again; nothing is recorded
 * when the workflow replays, since activities do not run then.
 *
 * <p>Metrics (Prometheus names in brackets):
 *
 * <ul>
 *   <li>{@value #OPERATION_DURATION} ({@code gen_ai_client_operation_duration_seconds}), a
 *       histogram in seconds, tags {@code gen_ai.operation.name}, {@code gen_ai.provider.name},
 *       {@code gen_ai.request.model}, {@code gen_ai.response.model}, {@code profile} (the job's
 *       routing profile) and {@code error.type} (empty when the call served, which Prometheus
 *       treats as no label);
 *   <li>{@value #TOKEN_USAGE} ({@code gen_ai_client_token_usage}), a histogram of tokens (unit
 *       {@code {token}}) per call that reported usage, the same tags without {@code error.type}
 *       plus {@code gen_ai.token.type} = input or output;
 *   <li>{@value #COST} ({@code conveyor_model_cost_usd_total}), US dollars, tags {@code step},
 *       {@code gen_ai.provider.name}, {@code gen_ai.request.model}, {@code gen_ai.response.model}.
 * </ul>
 *
 * The log line (logger {@code dev.conveyor.activities.modelcall.ModelCalls}) carries the key-value
 * pairs {@code jobId}, {@code workflowId}, {@code runId}, {@code activity}, {@code step}, {@code
 * tier}, {@code profile}, {@code attempt} (the activity's), {@code revision}, {@code qaAttempt},
 * {@code provider}, {@code requestedModel}, {@code servedModel}, {@code inputTokens}, {@code
 * outputTokens}, {@code images}, {@code latencyMs}, {@code costUsd}, {@code outcome} and {@code
 * errorType}; structured logging ({@code logging.structured.format.console}) writes them as JSON
 * fields. Prompt and output text are logged (fields {@code prompt}, {@code output}) only when
 * {@code conveyor.observability.log-content} is on.
 */
public final class CallRecorder {

  static final String OPERATION_DURATION = "gen_ai.client.operation.duration";
  static final String TOKEN_USAGE = "gen_ai.client.token.usage";
  static final String COST = "conveyor.model.cost";

  private static final Logger log = LoggerFactory.getLogger(ModelCalls.class);

  /** OpenTelemetry's advised bucket boundaries for the call duration, in seconds. */
  private static final double[] DURATION_BUCKETS = {
    0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96, 81.92
  };

  /** OpenTelemetry's advised bucket boundaries for token counts. */
  private static final double[] TOKEN_BUCKETS = {
    1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216, 67108864
  };

  private static final CallRecorder LOG_ONLY = new CallRecorder(null);

  private final MeterRegistry registry;
  private final boolean logContent;

  /** Creates a recorder that logs each call and records its metrics in the registry. */
  public CallRecorder(MeterRegistry registry) {
    this(registry, false);
  }

  /**
   * Creates a recorder that logs each call and records its metrics in the registry.
   *
   * @param registry where the metrics go, null for none
   * @param logContent whether the log line also carries the prompt and output text (fields {@code
   *     prompt} and {@code output}); off by default, since they may hold personal data
   */
  public CallRecorder(MeterRegistry registry, boolean logContent) {
    this.registry = registry;
    this.logContent = logContent;
  }

  /** Returns whether the log lines carry prompt and output text. */
  public boolean logsContent() {
    return logContent;
  }

  /** Returns a recorder that only logs, for code run without a meter registry. */
  public static CallRecorder logOnly() {
    return LOG_ONLY;
  }

  /**
   * One finished call.
   *
   * @param site where in the job it happened
   * @param settings the model called
   * @param servedModel the model the provider says served, null when it failed or did not say
   * @param inputTokens input tokens, 0 when none were reported
   * @param outputTokens output tokens, 0 when none were reported
   * @param images images generated
   * @param costUsd what it cost
   * @param latencyMs how long it took
   * @param outcome {@code ok}, or how it ended, for example {@code failed RateLimitException}
   * @param errorType the failure's type, null when the call served
   * @param prompt the prompt text, only when content logging is on; null otherwise
   * @param output the output text, only when content logging is on; null otherwise
   */
  public record Call(
      CallSite site,
      ModelSettings settings,
      String servedModel,
      long inputTokens,
      long outputTokens,
      int images,
      BigDecimal costUsd,
      long latencyMs,
      String outcome,
      String errorType,
      String prompt,
      String output) {}

  /** Logs the call and records its metrics. */
  public void record(Call call) {
    logLine(call);
    if (registry != null) {
      meter(call);
    }
  }

  private void meter(Call call) {
    Step step = call.site().step();
    String provider = providerName(call.settings().provider());
    String requested = call.settings().model();
    String served = call.servedModel() == null ? "" : call.servedModel();
    Tags tags =
        Tags.of(
            "gen_ai.operation.name", operationName(step),
            "gen_ai.provider.name", provider,
            "gen_ai.request.model", requested,
            "gen_ai.response.model", served,
            "profile", call.site().profile());
    Timer.builder(OPERATION_DURATION)
        .description("Duration of GenAI client operations")
        .tags(tags)
        .tag("error.type", call.errorType() == null ? "" : call.errorType())
        .serviceLevelObjectives(durations())
        .register(registry)
        .record(Duration.ofMillis(call.latencyMs()));
    if (call.errorType() == null && call.inputTokens() + call.outputTokens() > 0) {
      tokens(tags, "input").record(call.inputTokens());
      tokens(tags, "output").record(call.outputTokens());
    }
    if (call.errorType() == null) {
      // Free calls count too, at zero, so that every model shows on the cost panels.
      Counter.builder(COST)
          .description("Cost of model calls in US dollars")
          .baseUnit("usd")
          .tag("step", step.name())
          .tag("gen_ai.provider.name", provider)
          .tag("gen_ai.request.model", requested)
          .tag("gen_ai.response.model", served)
          .tag("profile", call.site().profile())
          .register(registry)
          .increment(call.costUsd().doubleValue());
    }
  }

  private DistributionSummary tokens(Tags tags, String type) {
    return DistributionSummary.builder(TOKEN_USAGE)
        .description("Number of input and output tokens used, unit {token}")
        .tags(tags)
        .tag("gen_ai.token.type", type)
        .serviceLevelObjectives(TOKEN_BUCKETS)
        .register(registry);
  }

  private static Duration[] durations() {
    Duration[] buckets = new Duration[DURATION_BUCKETS.length];
    for (int i = 0; i < buckets.length; i++) {
      buckets[i] = Duration.ofNanos((long) (DURATION_BUCKETS[i] * 1_000_000_000L));
    }
    return buckets;
  }

  /** Returns the OpenTelemetry operation: {@code chat}, or {@code generate_content} for images. */
  static String operationName(Step step) {
    return step == Step.IMAGE_GENERATION ? "generate_content" : "chat";
  }

  /** Returns the OpenTelemetry provider name: {@code gcp.gemini} for Gemini, else as configured. */
  static String providerName(String provider) {
    return ModelSettings.GEMINI.equals(provider) ? "gcp.gemini" : provider;
  }

  private static void logLine(Call call) {
    ActivityInfo info = currentActivity();
    CallSite site = call.site();
    ModelSettings settings = call.settings();
    String served = call.servedModel() == null ? "-" : call.servedModel();
    LoggingEventBuilder line = log.atLevel(Level.INFO);
    if (call.prompt() != null) {
      line = line.addKeyValue("prompt", call.prompt());
    }
    if (call.output() != null) {
      line = line.addKeyValue("output", call.output());
    }
    if (info != null) {
      line =
          line.addKeyValue("jobId", info.getWorkflowId())
              .addKeyValue("workflowId", info.getWorkflowId())
              .addKeyValue("runId", info.getRunId())
              .addKeyValue("activity", info.getActivityType())
              .addKeyValue("attempt", info.getAttempt());
    }
    line.addKeyValue("step", site.step())
        .addKeyValue("tier", site.tier())
        .addKeyValue("profile", site.profile())
        .addKeyValue("revision", site.revision())
        .addKeyValue("qaAttempt", site.attempt())
        .addKeyValue("provider", settings.provider())
        .addKeyValue("requestedModel", settings.model())
        .addKeyValue("servedModel", served)
        .addKeyValue("inputTokens", call.inputTokens())
        .addKeyValue("outputTokens", call.outputTokens())
        .addKeyValue("images", call.images())
        .addKeyValue("latencyMs", call.latencyMs())
        .addKeyValue("costUsd", call.costUsd().toPlainString())
        .addKeyValue("outcome", call.outcome())
        .addKeyValue("errorType", call.errorType() == null ? "" : call.errorType())
        .log(
            "model call workflow={} run={} activity={} attempt={} step={} tier={} revision={}"
                + " qaAttempt={} provider={} requestedModel={} servedModel={} inputTokens={}"
                + " outputTokens={} images={} latencyMs={} costUsd={} outcome={}",
            info == null ? "-" : info.getWorkflowId(),
            info == null ? "-" : info.getRunId(),
            info == null ? "-" : info.getActivityType(),
            info == null ? 0 : info.getAttempt(),
            site.step(),
            site.tier(),
            site.revision(),
            site.attempt(),
            settings.provider(),
            settings.model(),
            served,
            call.inputTokens(),
            call.outputTokens(),
            call.images(),
            call.latencyMs(),
            call.costUsd().toPlainString(),
            call.outcome());
  }

  private static ActivityInfo currentActivity() {
    try {
      return Activity.getExecutionContext().getInfo();
    } catch (IllegalStateException notInAnActivity) {
      return null;
    }
  }
}
