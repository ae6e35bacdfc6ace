package dev.conveyor.workflow.model;

import java.math.BigDecimal;
import java.util.List;

/**
 * One part of a bundle as its status shows it.
 *
 * @param name the part's name
 * @param outputKind TEXT, IMAGE or CODE
 * @param language with CODE: the language
 * @param uses the parts whose outputs it takes
 * @param state where the part is
 * @param runs how many jobs the part has run
 * @param jobId the workflow id of its newest job, null before the first
 * @param output its newest output, null before one
 * @param fileName the output's name in the bundle's zip, for example {@code hero.png}
 * @param verdict QA's verdict on its newest output
 * @param consistency the cross-part check's verdict on it, null when it was not checked
 * @param feedback the feedback its newest job was given, null for a first run
 * @param reason why it failed or was blocked
 * @param costUsd what all its jobs spent
 */
public record PartStatus(
    String name,
    OutputKind outputKind,
    String language,
    List<String> uses,
    PartState state,
    int runs,
    String jobId,
    ArtifactRef output,
    String fileName,
    QaVerdict verdict,
    QaVerdict consistency,
    String feedback,
    String reason,
    BigDecimal costUsd) {

  public PartStatus {
    uses = uses == null ? List.of() : List.copyOf(uses);
  }
}
