package dev.conveyor.starter.testing;

import dev.conveyor.starter.config.ArtifactProperties;
import dev.conveyor.starter.config.ConveyorTemporalProperties;
import dev.conveyor.store.JdbcJobStoreWriter;
import dev.conveyor.workflow.BundleWorkflowImpl;
import dev.conveyor.workflow.JobSearchAttributes;
import dev.conveyor.workflow.JobWorkflowImpl;
import dev.conveyor.workflow.evaluation.EvaluationWorkflowImpl;
import io.temporal.api.enums.v1.IndexedValueType;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import io.temporal.testing.TestEnvironmentOptions;
import io.temporal.testing.TestWorkflowEnvironment;
import io.temporal.worker.Worker;
import javax.sql.DataSource;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/**
 * A real Temporal for the starter's tests: the Boot starter's in-process test server (enabled with
 * {@code spring.temporal.test-server.enabled}) with the job's search attributes registered, and a
 * worker running the real {@link JobWorkflowImpl} and evaluation workflow on scripted activities
 * that write the jobs' projection into the job store (a real PostgreSQL, see {@link
 * ConveyorAppTestSupport}).
 */
@TestConfiguration(proxyBeanMethods = false)
public class TemporalTestConfiguration {

  @Bean
  TemporalOptionsCustomizer<TestEnvironmentOptions.Builder> conveyorTestServer() {
    return options -> {
      JobSearchAttributes.ALL.forEach(
          key ->
              options.registerSearchAttribute(
                  key.getName(), IndexedValueType.INDEXED_VALUE_TYPE_KEYWORD));
      // Jobs wait for reviewers in real time; nothing in these tests waits for a timer.
      return options.setUseTimeskipping(false);
    };
  }

  @Bean
  FileScriptedActivities scriptedActivities(ArtifactProperties artifacts, DataSource dataSource) {
    return new FileScriptedActivities(artifacts.dir(), new JdbcJobStoreWriter(dataSource));
  }

  @Bean
  Worker conveyorTestWorker(
      TestWorkflowEnvironment environment,
      FileScriptedActivities activities,
      ArtifactProperties artifacts,
      ConveyorTemporalProperties temporal) {
    Worker worker = environment.newWorker(temporal.taskQueue());
    worker.registerWorkflowImplementationTypes(
        JobWorkflowImpl.class, BundleWorkflowImpl.class, EvaluationWorkflowImpl.class);
    worker.registerActivitiesImplementations(
        activities, new FolderEvaluationActivities(artifacts.dir()));
    environment.start();
    return worker;
  }
}
