package dev.conveyor.activities.offline;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * Writes the offline JSON: an instance of the given schema (objects, arrays, strings, numbers,
 * integers, booleans, with {@code const}, {@code enum}, {@code default}, {@code examples}, the
 * common formats and the length and range bounds), else an object of the fields the requirements
 * name, each filled by what its name suggests.
 */
final class OfflineJson {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  private static final int MAX_DEPTH = 8;

  private OfflineJson() {}

  static String write(CodeBrief brief) {
    JsonNode document;
    if (brief.jsonSchema() != null) {
      try {
        document = instance(JSON.readTree(brief.jsonSchema()), "value", 0);
      } catch (JsonProcessingException e) {
        document = fromFields(brief);
      }
    } else {
      document = fromFields(brief);
    }
    return document.toPrettyString();
  }

  private static JsonNode fromFields(CodeBrief brief) {
    List<String> fields = brief.fieldNames();
    ObjectNode object = NODES.objectNode();
    if (fields.isEmpty()) {
      object.put("title", brief.subject("Document"));
      object.put("summary", brief.firstSentence());
      return object;
    }
    for (String field : fields) {
      object.set(field, byName(field));
    }
    return object;
  }

  private static JsonNode byName(String field) {
    return switch (FieldKind.of(field)) {
      case FLAG -> NODES.booleanNode(true);
      case DECIMAL -> NODES.numberNode(9.99);
      case WHOLE_NUMBER -> NODES.numberNode(1);
      case LIST -> NODES.arrayNode().add("example");
      case TEXT -> NODES.textNode("Example " + field);
    };
  }

  private static JsonNode instance(JsonNode schema, String name, int depth) {
    if (schema == null || !schema.isObject() || depth > MAX_DEPTH) {
      return byName(name);
    }
    for (String given : List.of("const", "default")) {
      if (schema.has(given)) {
        return schema.get(given);
      }
    }
    for (String listed : List.of("enum", "examples")) {
      if (schema.path(listed).isArray() && !schema.path(listed).isEmpty()) {
        return schema.path(listed).get(0);
      }
    }
    return switch (typeOf(schema)) {
      case "object" -> object(schema, depth);
      case "array" -> array(schema, name, depth);
      case "string" -> string(schema, name);
      case "integer" -> NODES.numberNode((long) Math.ceil(number(schema, 1)));
      case "number" -> NODES.numberNode(number(schema, 1.5));
      case "boolean" -> NODES.booleanNode(true);
      case "null" -> NODES.nullNode();
      default -> byName(name);
    };
  }

  private static String typeOf(JsonNode schema) {
    JsonNode type = schema.get("type");
    if (type != null && type.isTextual()) {
      return type.asText();
    }
    if (type != null && type.isArray()) {
      for (JsonNode option : type) {
        if (!"null".equals(option.asText())) {
          return option.asText();
        }
      }
    }
    if (schema.has("properties")) {
      return "object";
    }
    return schema.has("items") ? "array" : "";
  }

  private static ObjectNode object(JsonNode schema, int depth) {
    ObjectNode object = NODES.objectNode();
    for (Map.Entry<String, JsonNode> property : schema.path("properties").properties()) {
      object.set(property.getKey(), instance(property.getValue(), property.getKey(), depth + 1));
    }
    for (JsonNode required : schema.path("required")) {
      if (!object.has(required.asText())) {
        object.set(required.asText(), byName(required.asText()));
      }
    }
    return object;
  }

  private static ArrayNode array(JsonNode schema, String name, int depth) {
    ArrayNode array = NODES.arrayNode();
    int items = Math.max(1, schema.path("minItems").asInt(1));
    if (schema.has("maxItems")) {
      items = Math.min(items, schema.get("maxItems").asInt());
    }
    for (int i = 0; i < items; i++) {
      array.add(instance(schema.get("items"), singular(name), depth + 1));
    }
    return array;
  }

  private static JsonNode string(JsonNode schema, String name) {
    String text =
        switch (schema.path("format").asText("")) {
          case "email" -> "team@example.com";
          case "date" -> "2026-01-01";
          case "date-time" -> "2026-01-01T09:00:00Z";
          case "uri", "url" -> "https://example.com/" + name;
          case "uuid" -> "00000000-0000-4000-8000-000000000000";
          default -> "Example " + name;
        };
    int min = schema.path("minLength").asInt(0);
    StringBuilder padded = new StringBuilder(text);
    while (padded.length() < min) {
      padded.append(' ').append(name);
    }
    int max = schema.path("maxLength").asInt(Integer.MAX_VALUE);
    return NODES.textNode(padded.length() > max ? padded.substring(0, max) : padded.toString());
  }

  private static double number(JsonNode schema, double fallback) {
    double value = fallback;
    if (schema.has("minimum")) {
      value = schema.get("minimum").asDouble();
    }
    if (schema.has("exclusiveMinimum") && schema.get("exclusiveMinimum").isNumber()) {
      value = schema.get("exclusiveMinimum").asDouble() + 1;
    }
    if (schema.has("maximum")) {
      value = Math.min(value, schema.get("maximum").asDouble());
    }
    return value;
  }

  private static String singular(String name) {
    return name.endsWith("s") && name.length() > 1 ? name.substring(0, name.length() - 1) : name;
  }
}
