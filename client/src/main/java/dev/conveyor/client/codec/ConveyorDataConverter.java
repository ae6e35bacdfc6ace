package dev.conveyor.client.codec;

import dev.conveyor.workflow.JobDataConverter;
import io.temporal.api.common.v1.Payload;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import io.temporal.payload.codec.PayloadCodec;
import java.util.List;

/**
 * The data converter of every Conveyor worker and client: {@link JobDataConverter}'s JSON, and with
 * keys, AES-GCM encryption of every payload (inputs, results, signals, updates, queries, memos, the
 * UI's summaries and details, and failure messages). Set it on each {@code WorkflowClientOptions}
 * that talks to Conveyor's jobs, with the same keys as the workers. Search attributes are never
 * encrypted: Temporal indexes them.
 */
public final class ConveyorDataConverter {

  private ConveyorDataConverter() {}

  /**
   * Returns the data converter for these keys: {@link JobDataConverter#create()} as it is without
   * keys, the same wrapped in {@link AesGcmPayloadCodec} with them.
   */
  public static DataConverter create(CodecKeys keys) {
    DataConverter json = JobDataConverter.create();
    if (!keys.enabled()) {
      return json;
    }
    // Failure messages and stack traces may quote job text: they are encrypted too.
    return new CodecDataConverter(json, List.of(codec(keys)), true);
  }

  /**
   * Returns the payload codec for these keys, for a codec server: {@link AesGcmPayloadCodec} with
   * keys; without, a codec that leaves payloads as they are.
   */
  public static PayloadCodec codec(CodecKeys keys) {
    return keys.enabled() ? new AesGcmPayloadCodec(keys) : new Unencrypted();
  }

  /** The codec while encryption is off: payloads stay as they are. */
  private static final class Unencrypted implements PayloadCodec {

    @Override
    public List<Payload> encode(List<Payload> payloads) {
      return payloads;
    }

    @Override
    public List<Payload> decode(List<Payload> payloads) {
      return payloads;
    }
  }
}
