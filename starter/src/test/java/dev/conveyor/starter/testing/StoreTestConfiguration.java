package dev.conveyor.starter.testing;

import dev.conveyor.starter.client.JobClient;
import io.temporal.client.WorkflowClient;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Puts the {@link StatusJobQueries} store double in the application. */
@TestConfiguration(proxyBeanMethods = false)
public class StoreTestConfiguration {

  @Bean
  StatusJobQueries statusJobQueries(JobClient jobs, WorkflowClient client) {
    return new StatusJobQueries(jobs, client);
  }
}
