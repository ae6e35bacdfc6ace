package dev.conveyor.client.codec;

import dev.conveyor.workflow.JobDataConverter;
import io.temporal.common.converter.CodecDataConverter;
import io.temporal.common.converter.DataConverter;
import java.util.List;

/**
 * The data converter of every Conveyor worker and client: {@link JobDataConverter}'s JSON, and with
 * keys, AES-GCM encryption of every payload (inputs, results, signals, updates, queries, memos, the
 * UI's summaries and details, and failure messages). Set it on each {@code WorkflowClientOptions}
 * that talks to Conveyor's jobs, with the same keys as the workers.
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
    return new CodecDataConverter(json, List.of(new AesGcmPayloadCodec(keys)), true);
  }
}
