package dev.conveyor.worker.temporal;

import dev.conveyor.client.codec.ConveyorDataConverter;
import dev.conveyor.client.codec.InvalidCodecKeyException;
import dev.conveyor.worker.StartupFailure;
import dev.conveyor.worker.config.CodecProperties;
import io.temporal.common.converter.DataConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Gives the Temporal Boot starter Conveyor's shared payload converter, encrypting payloads when
 * {@code conveyor.codec.keys} holds keys.
 */
@Configuration(proxyBeanMethods = false)
class DataConverterConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DataConverterConfiguration.class);

  @Bean
  DataConverter mainDataConverter(CodecProperties codec) {
    try {
      var keys = codec.codecKeys();
      if (keys.enabled()) {
        log.info(
            "Payload encryption on: keys {}, encrypting with {}", keys.ids(), keys.currentId());
      }
      return ConveyorDataConverter.create(keys);
    } catch (InvalidCodecKeyException e) {
      throw StartupFailure.configuration(e.getMessage(), e);
    }
  }
}
