package dev.conveyor.store;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * The JSON of the request column: the same mapping as Temporal's payloads, tolerant of fields a
 * newer release adds.
 */
final class StoreJson {

  private StoreJson() {}

  static ObjectMapper mapper() {
    return JacksonJsonPayloadConverter.newDefaultObjectMapper()
        .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
  }
}
