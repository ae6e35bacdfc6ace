package dev.conveyor.starter.config;

import dev.conveyor.starter.artifact.ArtifactReader;
import dev.conveyor.starter.client.JobClient;
import dev.conveyor.workflow.JobDataConverter;
import io.temporal.client.WorkflowClient;
import io.temporal.common.converter.DataConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Java client API on the Temporal Boot starter's {@link WorkflowClient}. */
@Configuration(proxyBeanMethods = false)
class StarterConfiguration {

  @Bean
  JobClient jobClient(WorkflowClient workflowClient, ConveyorTemporalProperties temporal) {
    return new JobClient(workflowClient, temporal.taskQueue());
  }

  /** The payload converter the worker uses too, tolerant of fields a newer release adds. */
  @Bean
  DataConverter mainDataConverter() {
    return JobDataConverter.create();
  }

  @Bean
  ArtifactReader artifactReader(ArtifactProperties artifacts) {
    return new ArtifactReader(artifacts.dir());
  }
}
