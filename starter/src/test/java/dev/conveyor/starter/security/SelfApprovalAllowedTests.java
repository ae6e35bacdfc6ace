package dev.conveyor.starter.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.starter.testing.ConveyorAppTestSupport;
import dev.conveyor.starter.testing.Http;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.TestPropertySource;

/** With {@code conveyor.security.allow-self-approval=true} a submitter may approve their job. */
@TestPropertySource(
    properties = {
      "conveyor.security.allow-self-approval=true",
      "conveyor.security.api-keys[0].name=studio",
      // printf %s both-key | sha256sum
      "conveyor.security.api-keys[0].sha256="
          + "43b177cef1898ab7293e8c96f167bc4485a8496641426233e44deff4cbe42f10",
      "conveyor.security.api-keys[0].roles=submitter,reviewer"
    })
class SelfApprovalAllowedTests extends ConveyorAppTestSupport {

  @Test
  void should_let_a_reviewer_approve_their_own_job_when_self_approval_is_allowed() {
    Http studio = new Http(baseUrl(), "both-key");
    String jobId = ApiSecurityTests.awaitingJob(studio);

    HttpResponse<String> self = studio.post("/api/jobs/" + jobId + "/approve", null);

    assertThat(self.statusCode()).as(self.body()).isEqualTo(200);
    assertThat(Http.json(self).path("reason").asString()).isEqualTo("approved by studio");
  }
}
