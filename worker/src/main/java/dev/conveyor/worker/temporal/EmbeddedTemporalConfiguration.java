package dev.conveyor.worker.temporal;

import dev.conveyor.worker.config.WorkerProperties;
import io.temporal.serviceclient.WorkflowServiceStubsOptions;
import io.temporal.spring.boot.TemporalOptionsCustomizer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded Temporal server when {@code conveyor.temporal.embedded.enabled} is true and
 * points the worker's connection at it. The connection customizer depends on the server bean, so
 * the server is listening before the Temporal Boot starter builds its service stubs.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "conveyor.temporal.embedded.enabled", havingValue = "true")
class EmbeddedTemporalConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedTemporalServer embeddedTemporalServer(WorkerProperties properties) {
    WorkerProperties.Embedded embedded = properties.temporal().embedded();
    return EmbeddedTemporalServer.start(embedded.host(), embedded.port());
  }

  @Bean
  TemporalOptionsCustomizer<WorkflowServiceStubsOptions.Builder> embeddedServerTarget(
      EmbeddedTemporalServer server) {
    return builder -> builder.setTarget(server.target());
  }
}
