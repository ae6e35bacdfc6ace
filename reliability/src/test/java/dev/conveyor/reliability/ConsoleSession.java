package dev.conveyor.reliability;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A browser's session on the console, without a browser: cookies, the CSRF token of the last page,
 * and form posts. Redirects are not followed, so a post's own status is what is checked; {@link
 * #post} reads the message a redirect carries (the flash error of the page it leads to).
 */
final class ConsoleSession {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");

  private final String baseUrl;
  private final HttpClient http;
  private String csrf = "";

  ConsoleSession(String baseUrl) {
    this.baseUrl = baseUrl;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** Opens the login page and signs in; returns the answer to the login form. */
  Answer logIn(String user, String password) throws Exception {
    get("/login");
    return post("/login", Map.of("username", user, "password", password), true);
  }

  /** Gets a page and keeps its CSRF token. */
  HttpResponse<byte[]> get(String path) throws Exception {
    HttpResponse<byte[]> page =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30))
                .GET()
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    Matcher token = CSRF.matcher(Answer.body(page));
    if (token.find()) {
      csrf = token.group(1);
    }
    return page;
  }

  /**
   * Posts a form, with the session's CSRF token when {@code withToken}; a redirect's message is the
   * error shown on the page it leads to, or where it leads.
   */
  Answer post(String path, Map<String, String> form, boolean withToken) throws Exception {
    Map<String, String> fields = new LinkedHashMap<>(form);
    if (withToken) {
      fields.put("_csrf", csrf);
    }
    HttpResponse<byte[]> answer =
        http.send(
            HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(encode(fields)))
                .build(),
            HttpResponse.BodyHandlers.ofByteArray());
    String location = answer.headers().firstValue("Location").orElse(null);
    if (answer.statusCode() / 100 != 3 || location == null) {
      return new Answer(answer.statusCode(), Answer.reason(Answer.body(answer)));
    }
    String target = URI.create(baseUrl).resolve(location).getPath();
    if (!target.startsWith("/console/jobs/")) {
      String query = URI.create(baseUrl).resolve(location).getQuery();
      return new Answer(answer.statusCode(), "to " + target + (query == null ? "" : "?" + query));
    }
    String shown = Answer.reason(Answer.body(get(target)));
    return new Answer(answer.statusCode(), shown.isBlank() ? "" : shown);
  }

  private static String encode(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(
            field ->
                URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                    + "="
                    + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }
}
