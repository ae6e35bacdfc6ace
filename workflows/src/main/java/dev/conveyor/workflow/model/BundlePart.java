package dev.conveyor.workflow.model;

import java.util.List;

/**
 * One named part of a {@link BundleRequest}: a single-output request (the fields of a {@link
 * JobRequest} that describe the output) plus its name and the parts whose outputs it uses.
 *
 * @param name the part's name: lower-case letters, digits and dashes, starting with a letter, at
 *     most {@value #MAX_NAME} characters; it names the part's file and child workflow
 * @param uses the names of the parts whose outputs this part takes: a CODE part contains their
 *     texts and, in HTML, embeds their images; empty for none
 * @param requirements what the part must be, as a job's requirements
 * @param outputKind TEXT, IMAGE or CODE
 * @param language with CODE: the language
 * @param jsonSchema with CODE in json: the schema, as text
 * @param qaCriteria the part's QA criteria
 * @param maxQaAttempts how many generations QA may judge per run of the part (default 3)
 */
public record BundlePart(
    String name,
    List<String> uses,
    String requirements,
    OutputKind outputKind,
    String language,
    String jsonSchema,
    List<String> qaCriteria,
    Integer maxQaAttempts) {

  public static final int MAX_NAME = 32;

  public BundlePart {
    uses = uses == null ? List.of() : List.copyOf(uses);
  }

  /** Returns a part with its name, what it uses, and the output it asks for. */
  public static BundlePart of(String name, List<String> uses, JobRequest output) {
    return new BundlePart(
        name,
        uses,
        output.requirements(),
        output.outputKind(),
        output.language(),
        output.jsonSchema(),
        output.qaCriteria(),
        output.maxQaAttempts());
  }

  /**
   * Returns the request of this part's job: the bundle's shared fields with this part's output. The
   * job has no revisions of its own: the bundle's decision asks for new runs.
   */
  public JobRequest jobRequest(BundleRequest bundle, BundleContext context) {
    return JobRequest.builder(requirements, outputKind)
        .language(language)
        .jsonSchema(jsonSchema)
        .qaCriteria(qaCriteria)
        .maxQaAttempts(maxQaAttempts)
        .maxRevisions(0)
        .approvalTimeout(bundle.approvalTimeout())
        .budgetUsd(bundle.budgetUsd())
        .submitter(bundle.submitter())
        .tags(bundle.tags())
        .bundle(context)
        .build();
  }
}
