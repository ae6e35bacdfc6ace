package dev.conveyor.starter.security;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the API's 401 and 403 with the JSON body every API error has: {@code {"error": "..."}}.
 */
final class JsonSecurityErrors {

  static final String UNAUTHENTICATED =
      "authentication required: send an API key in the X-API-Key header (or a bearer token)";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private JsonSecurityErrors() {}

  static AuthenticationEntryPoint entryPoint() {
    return (request, response, failure) -> unauthorized(response, message(failure));
  }

  static AccessDeniedHandler accessDenied() {
    return (request, response, denied) ->
        write(
            response,
            HttpStatus.FORBIDDEN,
            forbiddenMessage(request.getMethod(), request.getRequestURI()));
  }

  static void unauthorized(HttpServletResponse response, String message) throws IOException {
    response.setHeader("WWW-Authenticate", "ApiKey header=\"X-API-Key\"");
    write(response, HttpStatus.UNAUTHORIZED, message);
  }

  /** A rejected key or token says why; a request without credentials says what to send. */
  private static String message(AuthenticationException failure) {
    return failure instanceof ApiKeyAuthenticationFilter.InvalidApiKeyException
            || failure instanceof OAuth2AuthenticationException
        ? failure.getMessage()
        : UNAUTHENTICATED;
  }

  private static String forbiddenMessage(String method, String uri) {
    return "forbidden: your roles do not allow " + method + " " + uri;
  }

  static void write(HttpServletResponse response, HttpStatus status, String message)
      throws IOException {
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setCharacterEncoding("UTF-8");
    response.getWriter().write(JSON.writeValueAsString(Map.of("error", message)));
  }
}
