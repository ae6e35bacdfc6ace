package dev.conveyor.worker.wiring;

import dev.conveyor.activities.observability.CallRecorder;
import dev.conveyor.worker.config.WorkerProperties;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The call log and the model-call metrics, recorded in the application's meter registry. */
@Configuration(proxyBeanMethods = false)
class ObservabilityConfiguration {

  @Bean
  CallRecorder callRecorder(MeterRegistry registry, WorkerProperties properties) {
    return new CallRecorder(registry, properties.observability().logContent());
  }
}
