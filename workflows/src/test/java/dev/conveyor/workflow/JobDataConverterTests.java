package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.conveyor.workflow.model.ApprovalReason;
import dev.conveyor.workflow.model.AwaitingApproval;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class JobDataConverterTests {

  @Test
  void should_read_a_payload_with_a_field_this_release_does_not_know() {
    String json =
        "{\"reason\":\"POLICY\",\"revision\":1,\"qaPassed\":true,"
            + "\"since\":\"2026-11-26T10:00:00Z\",\"deadline\":\"2026-11-29T10:00:00Z\","
            + "\"detail\":null,\"addedInALaterRelease\":\"x\"}";
    Payload payload =
        DefaultDataConverter.STANDARD_INSTANCE.toPayload(json).orElseThrow().toBuilder()
            .setData(com.google.protobuf.ByteString.copyFrom(json, StandardCharsets.UTF_8))
            .build();

    assertThatThrownBy(
            () ->
                DefaultDataConverter.STANDARD_INSTANCE.fromPayload(
                    payload, AwaitingApproval.class, AwaitingApproval.class))
        .as("Temporal's default converter refuses unknown fields")
        .hasMessageContaining("addedInALaterRelease");
    DataConverter converter = JobDataConverter.create();
    AwaitingApproval read =
        converter.fromPayload(payload, AwaitingApproval.class, AwaitingApproval.class);

    assertThat(read.reason()).isEqualTo(ApprovalReason.POLICY);
    assertThat(read.revision()).isEqualTo(1);
    assertThat(read.since()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
  }
}
