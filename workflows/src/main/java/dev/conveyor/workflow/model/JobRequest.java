package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;

/**
 * What a service asks Conveyor to produce. Optional fields may be null; {@link #withDefaults()}
 * fills them in.
 *
 * @param requirements the business requirements, 1 to 20,000 characters
 * @param outputKind TEXT, IMAGE or CODE
 * @param qaCriteria checks, in words, that QA applies on top of the requirements
 * @param maxQaAttempts how many generations QA may judge per revision (default 3)
 * @param maxRevisions how many new revisions reviewers may ask for after a rejection (default 2)
 * @param approvalPolicy when a human must decide (default ALWAYS)
 * @param scoreThreshold with BELOW_SCORE: the QA score under which a human decides (default 0.8)
 * @param approvalTimeout how long a decision may take (default 72 hours)
 * @param onExpiry what happens when nobody decides in time (default EXPIRE)
 * @param budgetUsd the most the job may spend on model calls, null for no limit
 * @param submitter who submitted the job
 * @param tags free labels for finding jobs
 * @param budgetPolicy what the job does when its next paid call would overrun the budget (default:
 *     the worker's {@code conveyor.budget.policy})
 * @param language with CODE: the language to write, one of {@link CodeLanguage#ids()}; null
 *     otherwise
 * @param jsonSchema with CODE in {@code json}: a JSON Schema the document must be valid against, as
 *     text, at most {@value #MAX_JSON_SCHEMA} characters; null for none
 * @param priority how soon the job's model calls run when workers are busy: HIGH, NORMAL or BULK
 *     (default NORMAL); a revision a reviewer asked for runs first whatever it is
 * @param bundle set by a bundle for each of its parts: the job then takes the outputs of the parts
 *     it uses and the bundle's feedback, and ends after QA instead of waiting for its own human
 *     decision; null for a job of its own, which behaves exactly as before bundles existed
 * @param profile the routing profile whose model chains serve the job, one of the worker's {@code
 *     conveyor.profiles} names; null for {@value #DEFAULT_PROFILE} ({@code conveyor.models})
 */
public record JobRequest(
    String requirements,
    OutputKind outputKind,
    List<String> qaCriteria,
    Integer maxQaAttempts,
    Integer maxRevisions,
    ApprovalPolicy approvalPolicy,
    Double scoreThreshold,
    Duration approvalTimeout,
    ExpiryAction onExpiry,
    BigDecimal budgetUsd,
    String submitter,
    List<String> tags,
    BudgetPolicy budgetPolicy,
    String language,
    String jsonSchema,
    JobPriority priority,
    BundleContext bundle,
    String profile) {

  public static final int MAX_REQUIREMENTS = 20_000;
  public static final int MAX_JSON_SCHEMA = 20_000;
  public static final int DEFAULT_MAX_QA_ATTEMPTS = 3;
  public static final int DEFAULT_MAX_REVISIONS = 2;
  public static final double DEFAULT_SCORE_THRESHOLD = 0.8;
  public static final Duration DEFAULT_APPROVAL_TIMEOUT = Duration.ofHours(72);

  /** The name of the routing profile made of {@code conveyor.models}. */
  public static final String DEFAULT_PROFILE = "default";

  /** Creates a TEXT or IMAGE request: the fields a job had before CODE outputs. */
  public JobRequest(
      String requirements,
      OutputKind outputKind,
      List<String> qaCriteria,
      Integer maxQaAttempts,
      Integer maxRevisions,
      ApprovalPolicy approvalPolicy,
      Double scoreThreshold,
      Duration approvalTimeout,
      ExpiryAction onExpiry,
      BigDecimal budgetUsd,
      String submitter,
      List<String> tags,
      BudgetPolicy budgetPolicy) {
    this(
        requirements,
        outputKind,
        qaCriteria,
        maxQaAttempts,
        maxRevisions,
        approvalPolicy,
        scoreThreshold,
        approvalTimeout,
        onExpiry,
        budgetUsd,
        submitter,
        tags,
        budgetPolicy,
        null,
        null,
        null,
        null,
        null);
  }

  /**
   * Creates a request of a job of its own with the fields a job had before its priority, which is
   * then NORMAL.
   */
  public JobRequest(
      String requirements,
      OutputKind outputKind,
      List<String> qaCriteria,
      Integer maxQaAttempts,
      Integer maxRevisions,
      ApprovalPolicy approvalPolicy,
      Double scoreThreshold,
      Duration approvalTimeout,
      ExpiryAction onExpiry,
      BigDecimal budgetUsd,
      String submitter,
      List<String> tags,
      BudgetPolicy budgetPolicy,
      String language,
      String jsonSchema) {
    this(
        requirements,
        outputKind,
        qaCriteria,
        maxQaAttempts,
        maxRevisions,
        approvalPolicy,
        scoreThreshold,
        approvalTimeout,
        onExpiry,
        budgetUsd,
        submitter,
        tags,
        budgetPolicy,
        language,
        jsonSchema,
        null,
        null,
        null);
  }

  /** Returns the language of a CODE request, null for other kinds or an unknown name. */
  public CodeLanguage codeLanguage() {
    return outputKind == OutputKind.CODE ? CodeLanguage.of(language) : null;
  }

  /** Returns the routing profile's name: {@value #DEFAULT_PROFILE} when the request names none. */
  public String profileOrDefault() {
    return profile == null ? DEFAULT_PROFILE : profile;
  }

  /** Returns a request with every optional field at its default. */
  public static JobRequest of(String requirements, OutputKind kind, List<String> criteria) {
    return builder(requirements, kind).qaCriteria(criteria).build();
  }

  /** Returns this request with its null optional fields set to their defaults. */
  public JobRequest withDefaults() {
    return new JobRequest(
        requirements,
        outputKind == null ? OutputKind.TEXT : outputKind,
        qaCriteria == null ? List.of() : List.copyOf(qaCriteria),
        maxQaAttempts == null ? DEFAULT_MAX_QA_ATTEMPTS : maxQaAttempts,
        maxRevisions == null ? DEFAULT_MAX_REVISIONS : maxRevisions,
        approvalPolicy == null ? ApprovalPolicy.ALWAYS : approvalPolicy,
        scoreThreshold == null ? DEFAULT_SCORE_THRESHOLD : scoreThreshold,
        approvalTimeout == null ? DEFAULT_APPROVAL_TIMEOUT : approvalTimeout,
        onExpiry == null ? ExpiryAction.EXPIRE : onExpiry,
        budgetUsd,
        submitter,
        tags == null ? List.of() : List.copyOf(tags),
        budgetPolicy,
        language,
        jsonSchema,
        priority == null ? JobPriority.NORMAL : priority,
        bundle,
        profile);
  }

  /** Returns a builder for a request with the required fields set. */
  public static Builder builder(String requirements, OutputKind outputKind) {
    return new Builder().requirements(requirements).outputKind(outputKind);
  }

  /** Returns a builder holding this request's fields, to change some of them. */
  public Builder toBuilder() {
    return new Builder()
        .requirements(requirements)
        .outputKind(outputKind)
        .qaCriteria(qaCriteria)
        .maxQaAttempts(maxQaAttempts)
        .maxRevisions(maxRevisions)
        .approvalPolicy(approvalPolicy)
        .scoreThreshold(scoreThreshold)
        .approvalTimeout(approvalTimeout)
        .onExpiry(onExpiry)
        .budgetUsd(budgetUsd)
        .submitter(submitter)
        .tags(tags)
        .budgetPolicy(budgetPolicy)
        .language(language)
        .jsonSchema(jsonSchema)
        .priority(priority)
        .bundle(bundle)
        .profile(profile);
  }

  /** Builds a job request; fields left unset are null and take their defaults in the job. */
  public static final class Builder {
    private String requirements;
    private OutputKind outputKind;
    private List<String> qaCriteria;
    private Integer maxQaAttempts;
    private Integer maxRevisions;
    private ApprovalPolicy approvalPolicy;
    private Double scoreThreshold;
    private Duration approvalTimeout;
    private ExpiryAction onExpiry;
    private BigDecimal budgetUsd;
    private String submitter;
    private List<String> tags;
    private BudgetPolicy budgetPolicy;
    private String language;
    private String jsonSchema;
    private JobPriority priority;
    private BundleContext bundle;
    private String profile;

    private Builder() {}

    public Builder requirements(String value) {
      requirements = value;
      return this;
    }

    public Builder outputKind(OutputKind value) {
      outputKind = value;
      return this;
    }

    public Builder qaCriteria(List<String> value) {
      qaCriteria = value;
      return this;
    }

    public Builder maxQaAttempts(Integer value) {
      maxQaAttempts = value;
      return this;
    }

    public Builder maxRevisions(Integer value) {
      maxRevisions = value;
      return this;
    }

    public Builder approvalPolicy(ApprovalPolicy value) {
      approvalPolicy = value;
      return this;
    }

    public Builder scoreThreshold(Double value) {
      scoreThreshold = value;
      return this;
    }

    public Builder approvalTimeout(Duration value) {
      approvalTimeout = value;
      return this;
    }

    public Builder onExpiry(ExpiryAction value) {
      onExpiry = value;
      return this;
    }

    public Builder budgetUsd(BigDecimal value) {
      budgetUsd = value;
      return this;
    }

    public Builder submitter(String value) {
      submitter = value;
      return this;
    }

    public Builder tags(List<String> value) {
      tags = value;
      return this;
    }

    public Builder budgetPolicy(BudgetPolicy value) {
      budgetPolicy = value;
      return this;
    }

    public Builder language(String value) {
      language = value;
      return this;
    }

    public Builder jsonSchema(String value) {
      jsonSchema = value;
      return this;
    }

    public Builder priority(JobPriority value) {
      priority = value;
      return this;
    }

    public Builder bundle(BundleContext value) {
      bundle = value;
      return this;
    }

    public Builder profile(String value) {
      profile = value;
      return this;
    }

    public JobRequest build() {
      return new JobRequest(
          requirements,
          outputKind,
          qaCriteria,
          maxQaAttempts,
          maxRevisions,
          approvalPolicy,
          scoreThreshold,
          approvalTimeout,
          onExpiry,
          budgetUsd,
          submitter,
          tags,
          budgetPolicy,
          language,
          jsonSchema,
          priority,
          bundle,
          profile);
    }
  }
}
