package dev.conveyor.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.model.ApprovalPolicy;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobResult;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.Stage;
import dev.conveyor.workflow.model.Step;
import dev.conveyor.workflow.testing.JobWorkflowHarness;
import dev.conveyor.workflow.testing.ScriptedActivities;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Routing profiles: a job naming one has every model step served by that profile's chains. */
class JobWorkflowProfileTests {

  private final JobWorkflowHarness harness = new JobWorkflowHarness();

  @AfterEach
  void closeEnvironment() {
    harness.close();
  }

  @Test
  void should_route_every_model_step_to_the_named_profile_and_show_it_in_the_status() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    JobRequest request =
        JobRequest.builder("A product blurb.", OutputKind.TEXT)
            .approvalPolicy(ApprovalPolicy.NEVER)
            .profile("economy")
            .build();

    // when
    JobWorkflow job = harness.submit(request);
    JobResult result = harness.result(job);

    // then
    assertThat(result.state()).isEqualTo(Stage.APPROVED);
    assertThat(job.status().profile()).isEqualTo("economy");
    assertThat(job.status().models().get(Step.TEXT_GENERATION))
        .isEqualTo("scripted/text-writer@economy");
    assertThat(activities.invocations())
        .contains("DescribeProfileRoutes economy", "DescribeProfileBudget economy")
        .doesNotContain("DescribeRoutes", "DescribeBudget");
    assertThat(activities.generations())
        .extracting(GenerationRequest::profile)
        .containsOnly("economy");
    assertThat(activities.checks()).extracting(QaRequest::profile).containsOnly("economy");
  }

  @Test
  void should_run_on_the_default_profile_as_before_when_the_job_names_none() {
    // given
    ScriptedActivities activities = new ScriptedActivities();
    harness.start(activities);
    JobRequest request =
        JobRequest.builder("A product blurb.", OutputKind.TEXT)
            .approvalPolicy(ApprovalPolicy.NEVER)
            .build();

    // when
    JobWorkflow job = harness.submit(request);
    harness.result(job);

    // then
    assertThat(job.status().profile()).isEqualTo(JobRequest.DEFAULT_PROFILE);
    assertThat(activities.invocations())
        .contains("DescribeRoutes", "DescribeBudget")
        .noneMatch(name -> name.startsWith("DescribeProfile"));
    assertThat(activities.generations()).extracting(GenerationRequest::profile).containsOnlyNulls();
  }

  @Test
  void should_fail_a_job_whose_profile_is_not_a_profile_name_naming_the_field() {
    // given
    harness.start(new ScriptedActivities());
    JobRequest request =
        JobRequest.builder("A product blurb.", OutputKind.TEXT).profile("Economy Plus").build();

    // when
    JobResult result = harness.result(harness.submit(request));

    // then
    assertThat(result.state()).isEqualTo(Stage.FAILED);
    assertThat(result.reason())
        .contains("profile: is \"Economy Plus\", which is not a profile name");
  }
}
