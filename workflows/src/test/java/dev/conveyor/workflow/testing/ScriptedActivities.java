package dev.conveyor.workflow.testing;

import dev.conveyor.workflow.activity.ApprovalReminder;
import dev.conveyor.workflow.activity.ArtifactActivities;
import dev.conveyor.workflow.activity.BudgetSheet;
import dev.conveyor.workflow.activity.BundleActivities;
import dev.conveyor.workflow.activity.BundleStoreWrite;
import dev.conveyor.workflow.activity.CodeActivities;
import dev.conveyor.workflow.activity.CodeGenerationRequest;
import dev.conveyor.workflow.activity.CodeQaRequest;
import dev.conveyor.workflow.activity.ConsistencyRequest;
import dev.conveyor.workflow.activity.ConsistencyResult;
import dev.conveyor.workflow.activity.ConsistencyResult.PartVerdict;
import dev.conveyor.workflow.activity.GenerationActivities;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.JobStoreActivities;
import dev.conveyor.workflow.activity.JobStoreWrite;
import dev.conveyor.workflow.activity.PromptActivities;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.activity.QaActivities;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.QaResult;
import dev.conveyor.workflow.activity.ReminderActivities;
import dev.conveyor.workflow.activity.ReminderPlan;
import dev.conveyor.workflow.activity.RoutingActivities;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.BudgetPolicy;
import dev.conveyor.workflow.model.ModelCall;
import dev.conveyor.workflow.model.ModelTier;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.model.Step;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.EnumMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * In-memory activities for workflow tests: content lives in a map keyed by SHA-256, and QA verdicts
 * come from a script. Each call is recorded, so tests can assert what the workflow asked for.
 * Register one instance with a test worker; it implements every activity interface.
 */
public class ScriptedActivities
    implements ArtifactActivities,
        RoutingActivities,
        PromptActivities,
        GenerationActivities,
        QaActivities,
        CodeActivities,
        JobStoreActivities,
        ReminderActivities,
        BundleActivities {

  /** The cost every scripted model call reports. */
  public static final BigDecimal CALL_COST = new BigDecimal("0.001");

  /**
   * The estimate of a standard call that {@link #describeBudget()} lets the workflow compute: 100
   * input tokens at 4 USD and 50 output tokens at 8 USD per million. A call costs {@link
   * #CALL_COST}, so each call's estimation error is {@link #ESTIMATION_ERROR}.
   */
  public static final BigDecimal CALL_ESTIMATE = new BigDecimal("0.0008");

  /** How much a call costs more than its estimate. */
  public static final BigDecimal ESTIMATION_ERROR = CALL_COST.subtract(CALL_ESTIMATE);

  /** The model an economy call reports, at no cost. */
  public static final String ECONOMY_MODEL = "economy";

  private static final Map<Step, String> ROUTES =
      Map.of(
          Step.PROMPT, "scripted/prompt-writer",
          Step.TEXT_GENERATION, "scripted/text-writer",
          Step.IMAGE_GENERATION, "scripted/painter",
          Step.TEXT_QA, "scripted/text-judge",
          Step.VISION_QA, "scripted/vision-judge",
          Step.CODE_GENERATION, "scripted/coder",
          Step.CODE_QA, "scripted/code-judge");

  private final Map<String, byte[]> contents = new ConcurrentHashMap<>();
  private final List<PromptRequest> prompts = new CopyOnWriteArrayList<>();
  private final List<GenerationRequest> generations = new CopyOnWriteArrayList<>();
  private final List<QaRequest> checks = new CopyOnWriteArrayList<>();
  private final List<CodeGenerationRequest> codeGenerations = new CopyOnWriteArrayList<>();
  private final List<CodeQaRequest> codeChecks = new CopyOnWriteArrayList<>();
  private volatile Function<CodeQaRequest, QaVerdict> codeVerdicts = request -> pass(0.95);
  private final List<String> invocations = new CopyOnWriteArrayList<>();
  private final List<JobStoreWrite> storeWrites = new CopyOnWriteArrayList<>();
  private final List<BundleStoreWrite> bundleStoreWrites = new CopyOnWriteArrayList<>();
  private final List<ApprovalReminder> reminders = new CopyOnWriteArrayList<>();
  private final List<ApprovalReminder> webhooks = new CopyOnWriteArrayList<>();
  private final List<ConsistencyRequest> consistencyChecks = new CopyOnWriteArrayList<>();
  private volatile Function<ConsistencyRequest, List<PartVerdict>> consistency =
      request -> List.of();
  private volatile Function<QaRequest, QaVerdict> verdicts = request -> pass(0.95);
  private volatile BigDecimal defaultBudget;
  private volatile BudgetPolicy defaultPolicy = BudgetPolicy.STOP;
  private volatile BigDecimal economyInputPerMillion;
  private volatile ReminderPlan reminderPlan = ReminderPlan.off();

  /** Returns a passing verdict with the given score. */
  public static QaVerdict pass(double score) {
    return new QaVerdict(true, score, List.of(), "meets the requirements");
  }

  /** Returns a failing verdict with the given feedback. */
  public static QaVerdict fail(String feedback) {
    return new QaVerdict(false, 0.2, List.of(feedback), feedback);
  }

  /** Makes QA fail the first {@code failures} attempts of every revision, then pass. */
  public ScriptedActivities failFirst(int failures) {
    return judgeWith(
        request ->
            request.attempt() <= failures
                ? fail("attempt " + request.attempt() + " too short")
                : pass(0.95));
  }

  /** Makes QA answer with the given function. */
  public ScriptedActivities judgeWith(Function<QaRequest, QaVerdict> script) {
    this.verdicts = script;
    return this;
  }

  /** Makes code QA answer with the given function (default: pass with 0.95). */
  public ScriptedActivities judgeCodeWith(Function<CodeQaRequest, QaVerdict> script) {
    this.codeVerdicts = script;
    return this;
  }

  /** Makes the cross-part check answer with the given function (default: no verdict, passes). */
  public ScriptedActivities checkBundleWith(
      Function<ConsistencyRequest, List<PartVerdict>> script) {
    this.consistency = script;
    return this;
  }

  /** Returns every cross-part check request, in order. */
  public List<ConsistencyRequest> consistencyChecks() {
    return List.copyOf(consistencyChecks);
  }

  /** Sets the default budget and policy {@link #describeBudget()} reports (default: none, STOP). */
  public ScriptedActivities budgetDefaults(BigDecimal budgetUsd, BudgetPolicy policy) {
    this.defaultBudget = budgetUsd;
    this.defaultPolicy = policy;
    return this;
  }

  /** Prices the economy model's input tokens in the budget sheet (default: free). */
  public ScriptedActivities economyPrice(BigDecimal inputUsdPerMillion) {
    this.economyInputPerMillion = inputUsdPerMillion;
    return this;
  }

  /** Makes the worker's reminder settings the given plan (off unless set). */
  public ScriptedActivities remind(ReminderPlan plan) {
    this.reminderPlan = plan;
    return this;
  }

  /** Returns every job store write, in the order they arrived (a retried write appears again). */
  public List<JobStoreWrite> storeWrites() {
    return List.copyOf(storeWrites);
  }

  /** Returns every reminder raised, in order. */
  public List<ApprovalReminder> reminders() {
    return List.copyOf(reminders);
  }

  /** Returns every reminder sent to the webhook, in order. */
  public List<ApprovalReminder> webhooks() {
    return List.copyOf(webhooks);
  }

  /** Returns every prompt request, in order. */
  public List<PromptRequest> prompts() {
    return List.copyOf(prompts);
  }

  /** Returns every generation request, in order. */
  public List<GenerationRequest> generations() {
    return List.copyOf(generations);
  }

  /** Returns every QA request, in order. */
  public List<QaRequest> checks() {
    return List.copyOf(checks);
  }

  /** Returns every code generation request, in order. */
  public List<CodeGenerationRequest> codeGenerations() {
    return List.copyOf(codeGenerations);
  }

  /** Returns every code QA request, in order. */
  public List<CodeQaRequest> codeChecks() {
    return List.copyOf(codeChecks);
  }

  /**
   * Returns the activity type of every call, in order, for example {@code WritePrompt} or {@code
   * CheckImage}. A retried call appears once per attempt.
   */
  public List<String> invocations() {
    return List.copyOf(invocations);
  }

  /** Returns the stored content of an artifact as text. */
  public String text(ArtifactRef ref) {
    byte[] content = contents.get(ref.sha256());
    return content == null ? null : new String(content, StandardCharsets.UTF_8);
  }

  @Override
  public ArtifactRef storeText(String text) {
    invocations.add("StoreText");
    return put(text, "text/plain; charset=utf-8");
  }

  @Override
  public Map<Step, String> describeRoutes() {
    invocations.add("DescribeRoutes");
    return ROUTES;
  }

  @Override
  public Map<Step, String> describeProfileRoutes(String profile) {
    invocations.add("DescribeProfileRoutes " + profile);
    Map<Step, String> routes = new EnumMap<>(Step.class);
    ROUTES.forEach((step, model) -> routes.put(step, model + "@" + profile));
    return routes;
  }

  @Override
  public BudgetSheet describeProfileBudget(String profile) {
    invocations.add("DescribeProfileBudget " + profile);
    return budgetSheet();
  }

  @Override
  public BudgetSheet describeBudget() {
    invocations.add("DescribeBudget");
    return budgetSheet();
  }

  private BudgetSheet budgetSheet() {
    Map<Step, Map<ModelTier, BudgetSheet.CallPrice>> steps = new EnumMap<>(Step.class);
    ROUTES.forEach(
        (step, model) ->
            steps.put(
                step,
                Map.of(
                    ModelTier.STANDARD,
                    new BudgetSheet.CallPrice(
                        model, new BigDecimal("4"), new BigDecimal("8"), null, 100, 50, 0),
                    ModelTier.ECONOMY,
                    new BudgetSheet.CallPrice(
                        "scripted/" + ECONOMY_MODEL,
                        economyInputPerMillion,
                        null,
                        null,
                        100,
                        50,
                        0))));
    return new BudgetSheet(steps, defaultBudget, defaultPolicy);
  }

  @Override
  public StepResult writePrompt(PromptRequest request) {
    invocations.add("WritePrompt");
    prompts.add(request);
    String text = "Prompt for " + request.outputKind() + ": " + text(request.requirements());
    return new StepResult(
        put(text, "text/plain; charset=utf-8"), call(Step.PROMPT, "prompt-writer", request.tier()));
  }

  @Override
  public StepResult generateText(GenerationRequest request) {
    invocations.add("GenerateText");
    generations.add(request);
    String text =
        "Output r"
            + request.revision()
            + "a"
            + request.attempt()
            + " feedback="
            + request.feedback();
    return new StepResult(
        put(text, "text/plain; charset=utf-8"),
        call(Step.TEXT_GENERATION, "text-writer", request.tier()));
  }

  @Override
  public StepResult generateImage(GenerationRequest request) {
    invocations.add("GenerateImage");
    generations.add(request);
    String fakePng = "PNG r" + request.revision() + "a" + request.attempt();
    return new StepResult(
        put(fakePng, "image/png"), call(Step.IMAGE_GENERATION, "painter", request.tier()));
  }

  @Override
  public QaResult checkText(QaRequest request) {
    invocations.add("CheckText");
    checks.add(request);
    return new QaResult(verdicts.apply(request), call(Step.TEXT_QA, "text-judge", request.tier()));
  }

  @Override
  public QaResult checkImage(QaRequest request) {
    invocations.add("CheckImage");
    checks.add(request);
    return new QaResult(
        verdicts.apply(request), call(Step.VISION_QA, "vision-judge", request.tier()));
  }

  @Override
  public StepResult generateCode(CodeGenerationRequest request) {
    invocations.add("GenerateCode");
    codeGenerations.add(request);
    // Like a model that follows its brief, it embeds the images it is given.
    StringBuilder code =
        new StringBuilder("<p>r")
            .append(request.revision())
            .append("a")
            .append(request.attempt())
            .append(" feedback=")
            .append(request.feedback());
    request
        .spec()
        .imageSources()
        .forEach(
            src ->
                code.append("<img src=\"")
                    .append(src)
                    .append("\" alt=\"")
                    .append(src)
                    .append("\">"));
    return new StepResult(
        put(code.toString(), request.spec().language().contentType()),
        call(Step.CODE_GENERATION, "coder", request.tier()));
  }

  @Override
  public QaResult checkCode(CodeQaRequest request) {
    invocations.add("CheckCode");
    codeChecks.add(request);
    return new QaResult(
        codeVerdicts.apply(request), call(Step.CODE_QA, "code-judge", request.tier()));
  }

  @Override
  public ConsistencyResult checkConsistency(ConsistencyRequest request) {
    invocations.add("CheckBundle");
    consistencyChecks.add(request);
    return new ConsistencyResult(
        consistency.apply(request), List.of(call(Step.CODE_QA, "code-judge", null)));
  }

  @Override
  public void project(JobStoreWrite write) {
    storeWrites.add(write);
  }

  @Override
  public void projectBundle(BundleStoreWrite write) {
    bundleStoreWrites.add(write);
  }

  /** Returns every bundle store write, in order. */
  public List<BundleStoreWrite> bundleStoreWrites() {
    return List.copyOf(bundleStoreWrites);
  }

  @Override
  public ReminderPlan reminderPlan() {
    return reminderPlan;
  }

  @Override
  public void raise(ApprovalReminder reminder) {
    invocations.add("RaiseReminder");
    reminders.add(reminder);
  }

  @Override
  public void sendWebhook(ApprovalReminder reminder) {
    invocations.add("SendReminderWebhook");
    webhooks.add(reminder);
  }

  private ArtifactRef put(String text, String contentType) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    String sha = sha256(bytes);
    contents.put(sha, bytes);
    return new ArtifactRef(sha, contentType, bytes.length);
  }

  /** Returns the scripted call: {@link #CALL_COST} on the standard tier, free on the economy. */
  private static ModelCall call(Step step, String model, ModelTier tier) {
    if (tier == ModelTier.ECONOMY) {
      return new ModelCall(step, "scripted", ECONOMY_MODEL, 100, 50, BigDecimal.ZERO, 1);
    }
    return new ModelCall(step, "scripted", model, 100, 50, CALL_COST, 1);
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
