package dev.conveyor.workflow;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.temporal.common.converter.DataConverter;
import io.temporal.common.converter.DefaultDataConverter;
import io.temporal.common.converter.JacksonJsonPayloadConverter;

/**
 * The payload converter that Conveyor's worker and starter share: Temporal's JSON converter, made
 * tolerant of fields it does not know. A record that gains a field in a new release then still
 * reads in an older worker or starter during a rolling upgrade, and a client in another language
 * may send fields this version ignores.
 */
public final class JobDataConverter {

  private JobDataConverter() {}

  /** Returns the data converter to use on every Temporal client and worker of Conveyor. */
  public static DataConverter create() {
    ObjectMapper mapper =
        JacksonJsonPayloadConverter.newDefaultObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);
    return DefaultDataConverter.newDefaultInstance()
        .withPayloadConverterOverrides(new JacksonJsonPayloadConverter(mapper));
  }
}
