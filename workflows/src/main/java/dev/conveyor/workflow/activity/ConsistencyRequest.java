package dev.conveyor.workflow.activity;

import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.OutputKind;
import java.util.List;

/**
 * Input of the cross-part check: every part's newest output.
 *
 * @param bundleId the bundle's workflow id, for the call log
 * @param parts every part, in the request's order
 * @param run which run of the check this is, from 1
 */
public record ConsistencyRequest(String bundleId, List<PartOutput> parts, int run) {

  public ConsistencyRequest {
    parts = parts == null ? List.of() : List.copyOf(parts);
  }

  /**
   * One part's output.
   *
   * @param name the part's name
   * @param outputKind TEXT, IMAGE or CODE
   * @param language with CODE: the language
   * @param requirements the part's requirements
   * @param uses the parts whose outputs it takes
   * @param output its stored output
   * @param fileName its file name in the bundle, which HTML references for an image
   */
  public record PartOutput(
      String name,
      OutputKind outputKind,
      String language,
      String requirements,
      List<String> uses,
      ArtifactRef output,
      String fileName) {

    public PartOutput {
      uses = uses == null ? List.of() : List.copyOf(uses);
    }
  }
}
