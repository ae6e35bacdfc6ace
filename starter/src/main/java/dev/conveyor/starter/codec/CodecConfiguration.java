package dev.conveyor.starter.codec;

import dev.conveyor.client.codec.CodecKeys;
import dev.conveyor.client.codec.ConveyorDataConverter;
import io.temporal.common.converter.DataConverter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The starter's payload keys and converter, the one the worker uses: tolerant of fields a newer
 * release adds, encrypting with keys.
 */
@Configuration(proxyBeanMethods = false)
class CodecConfiguration {

  private static final Logger log = LoggerFactory.getLogger(CodecConfiguration.class);

  @Bean
  CodecKeys codecKeys(CodecProperties codec) {
    CodecKeys keys = codec.codecKeys();
    if (keys.enabled()) {
      log.info("Payload encryption on: keys {}, encrypting with {}", keys.ids(), keys.currentId());
    }
    return keys;
  }

  @Bean
  DataConverter mainDataConverter(CodecKeys keys) {
    return ConveyorDataConverter.create(keys);
  }
}
