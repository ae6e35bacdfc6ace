package dev.conveyor.reliability;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a bad input got back: an HTTP status or a CLI exit code, and the message that says why (the
 * JSON error object's {@code error} with its fields, a console page's error paragraph, or the CLI's
 * one line).
 *
 * @param code the HTTP status or the exit code
 * @param message the reason given, empty when none was
 */
record Answer(int code, String message) {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern PAGE_ERROR =
      Pattern.compile("<p[^>]*class=\"message error\"[^>]*>\\s*(.*?)\\s*</p>", Pattern.DOTALL);

  /** Returns the answer of an API call: its status and its JSON error, "" when it has none. */
  static Answer of(HttpResponse<byte[]> response) {
    return new Answer(response.statusCode(), jsonError(body(response)));
  }

  /** Returns the message of a JSON error object, or of a console page's error paragraph. */
  static String reason(String body) {
    String json = jsonError(body);
    if (!json.isBlank()) {
      return json;
    }
    Matcher page = PAGE_ERROR.matcher(body);
    return page.find() ? unescape(page.group(1).replaceAll("<[^>]+>", "")) : "";
  }

  static String body(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  /** Returns the {@code error} of a JSON error body with its fields, or "" when it is not one. */
  static String jsonError(String body) {
    try {
      JsonNode json = JSON.readTree(body);
      if (json == null) {
        return "";
      }
      String error = json.path("error").asText("");
      List<String> fields = new ArrayList<>();
      for (JsonNode field : json.path("fields")) {
        fields.add(field.path("field").asText() + " " + field.path("message").asText());
      }
      return fields.isEmpty() || error.isBlank() ? error : error + ": " + String.join("; ", fields);
    } catch (IOException e) {
      return "";
    }
  }

  private static String unescape(String html) {
    return html.replaceAll("\\s+", " ")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
  }
}
