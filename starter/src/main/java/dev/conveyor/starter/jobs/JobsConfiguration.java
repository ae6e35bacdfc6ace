package dev.conveyor.starter.jobs;

import dev.conveyor.client.JobClient;
import dev.conveyor.starter.config.ConveyorTemporalProperties;
import dev.conveyor.store.JdbcJobRecovery;
import dev.conveyor.store.JobQueries;
import dev.conveyor.store.JobRecovery;
import io.temporal.client.WorkflowClient;
import java.time.Clock;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the reads, the lost-job finder and its schedule, and resubmissions. */
@Configuration(proxyBeanMethods = false)
class JobsConfiguration {

  @Bean(destroyMethod = "close")
  ShortDeadlineClient shortDeadlineClient(
      WorkflowClient client, ConveyorTemporalProperties temporal, JobReadProperties reads) {
    return new ShortDeadlineClient(client, temporal.taskQueue(), reads.statusTimeout());
  }

  @Bean
  JobRecovery jobRecovery(JobQueries queries, DataSource dataSource) {
    // The queries bean migrates the schema first.
    return new JdbcJobRecovery(dataSource);
  }

  @Bean
  LostJobs lostJobs(
      ShortDeadlineClient temporal, JobRecovery recovery, ObjectProvider<Clock> clock) {
    return new LostJobs(temporal.jobs(), recovery, clock.getIfAvailable(Clock::systemUTC));
  }

  @Bean
  LostJobReconciler lostJobReconciler(LostJobs lostJobs, JobReadProperties reads) {
    return new LostJobReconciler(lostJobs, reads.reconcileEvery());
  }

  @Bean
  JobReads jobReads(
      ShortDeadlineClient temporal, JobQueries store, LostJobs lostJobs, JobReadProperties reads) {
    return new JobReads(temporal.jobs(), store, lostJobs, reads.statusTimeout());
  }

  @Bean
  Resubmissions resubmissions(
      JobClient jobs,
      JobReads reads,
      JobQueries store,
      JobRecovery recovery,
      ObjectProvider<Clock> clock) {
    return new Resubmissions(jobs, reads, store, recovery, clock.getIfAvailable(Clock::systemUTC));
  }
}
