package dev.conveyor.workflow;

import io.temporal.common.SearchAttributeKey;
import java.util.List;

/**
 * The custom search attributes a job keeps current, so operators can filter jobs in the Temporal
 * UI. The server must have them registered: the embedded server registers them at start-up, the
 * docker-compose stack with {@code temporal operator search-attribute create}.
 */
public final class JobSearchAttributes {

  /** The job's stage, for example {@code AWAITING_APPROVAL} or {@code APPROVED}. */
  public static final SearchAttributeKey<String> STAGE =
      SearchAttributeKey.forKeyword("ConveyorStage");

  /** The approval state: the name of an {@link ApprovalState}. */
  public static final SearchAttributeKey<String> APPROVAL =
      SearchAttributeKey.forKeyword("ConveyorApproval");

  /** Every custom search attribute, for registration. */
  public static final List<SearchAttributeKey<String>> ALL = List.of(STAGE, APPROVAL);

  private JobSearchAttributes() {}
}
