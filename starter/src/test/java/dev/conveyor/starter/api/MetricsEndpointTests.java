package dev.conveyor.starter.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** The starter's Prometheus endpoint and the cost fields of the REST API. */
class MetricsEndpointTests extends ConveyorAppTestSupport {

  @Test
  void should_export_the_temporal_client_metrics_and_show_usage_by_step_and_budget() {
    // given a job submitted through the REST API with a budget and a policy
    Http http = new Http(baseUrl());
    JsonNode started =
        Http.json(
            http.post(
                "/api/jobs",
                """
                {"requirements": "A note about lighthouses", "outputKind": "TEXT",
                 "budgetUsd": 1, "budgetPolicy": "ASK_HUMAN"}
                """));
    String jobId = started.path("jobId").asString();

    // when
    JsonNode status =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(100))
            .until(
                () -> Http.json(http.get("/api/jobs/" + jobId)),
                json -> json.path("stage").asString().equals("AWAITING_APPROVAL"));
    HttpResponse<String> scrape = http.get("/actuator/prometheus");

    // then the status carries usage by step and the budget
    assertThat(status.path("usageByStep").path("TEXT_GENERATION").path("calls").asInt())
        .isEqualTo(1);
    assertThat(status.path("usageByStep").path("PROMPT").path("costUsd").decimalValue())
        .isEqualByComparingTo("0.001");
    assertThat(status.path("budgetUsd").decimalValue()).isEqualByComparingTo("1");
    assertThat(status.path("budgetPolicy").asString()).isEqualTo("ASK_HUMAN");
    assertThat(status.path("budgetInterventions").isArray()).isTrue();

    // and the starter exports the Temporal SDK's client metrics
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.body())
        .containsPattern(
            "(?m)^temporal_request_latency_seconds_count\\{[^}]*operation=\"StartWorkflowExecution\"");
  }
}
