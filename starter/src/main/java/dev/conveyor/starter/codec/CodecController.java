package dev.conveyor.starter.codec;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import dev.conveyor.client.codec.CodecKeys;
import dev.conveyor.client.codec.ConveyorDataConverter;
import io.temporal.api.common.v1.Payload;
import io.temporal.api.common.v1.Payloads;
import io.temporal.payload.codec.PayloadCodec;
import io.temporal.payload.codec.PayloadCodecException;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * Temporal's codec server protocol: {@code POST /codec/encode} and {@code POST /codec/decode} take
 * and answer {@code {"payloads": [{"metadata": {...}, "data": "..."}]}}, the proto3 JSON of {@link
 * Payloads} with base64 bytes. The {@code X-Namespace} header the UI sends is accepted and not
 * needed: one set of keys serves the namespace. Who may call it is decided by the security chain.
 */
@RestController
@RequestMapping(path = "/codec", produces = MediaType.APPLICATION_JSON_VALUE)
class CodecController {

  private static final JsonFormat.Parser PARSER = JsonFormat.parser();
  private static final JsonFormat.Printer PRINTER = JsonFormat.printer();
  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final PayloadCodec codec;

  CodecController(CodecKeys keys) {
    this.codec = ConveyorDataConverter.codec(keys);
  }

  @PostMapping("/encode")
  ResponseEntity<String> encode(@RequestBody(required = false) String body) {
    return apply(body, codec::encode);
  }

  @PostMapping("/decode")
  ResponseEntity<String> decode(@RequestBody(required = false) String body) {
    return apply(body, codec::decode);
  }

  private static ResponseEntity<String> apply(String body, UnaryOperator<List<Payload>> coding) {
    if (body == null || body.isBlank()) {
      return error("the body is required: {\"payloads\": [...]}");
    }
    Payloads.Builder payloads = Payloads.newBuilder();
    try {
      PARSER.merge(body, payloads);
    } catch (InvalidProtocolBufferException e) {
      return error("the body is not a JSON Payloads object: " + firstLine(e.getMessage()));
    }
    try {
      Payloads answer =
          Payloads.newBuilder().addAllPayloads(coding.apply(payloads.getPayloadsList())).build();
      return ResponseEntity.ok(PRINTER.print(answer));
    } catch (PayloadCodecException e) {
      return error(e.getMessage());
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("a payload cannot be written as JSON", e);
    }
  }

  private static ResponseEntity<String> error(String message) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .contentType(MediaType.APPLICATION_JSON)
        .body(JSON.writeValueAsString(Map.of("error", message)));
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
