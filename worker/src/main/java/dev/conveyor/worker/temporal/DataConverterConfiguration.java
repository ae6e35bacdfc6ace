package dev.conveyor.worker.temporal;

import dev.conveyor.workflow.JobDataConverter;
import io.temporal.common.converter.DataConverter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Gives the Temporal Boot starter Conveyor's shared payload converter. */
@Configuration(proxyBeanMethods = false)
class DataConverterConfiguration {

  @Bean
  DataConverter mainDataConverter() {
    return JobDataConverter.create();
  }
}
