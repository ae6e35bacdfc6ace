package dev.conveyor.starter.api;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.error.ErrorAttributeOptions;
import org.springframework.boot.webmvc.error.ErrorAttributes;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Answers the errors that never reach a controller: those the servlet container raises itself (an
 * encoded slash or a malformed URI, refused by Tomcat or the security firewall) and failures in
 * filters. A request to the API ({@code /api/...}), or any caller that does not ask for HTML, gets
 * the JSON {@link ApiError} every API error has; a browser on the console gets the error page.
 */
@Controller
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@RequestMapping("${server.error.path:${error.path:/error}}")
class ErrorPathController implements ErrorController {

  private final ErrorAttributes attributes;
  private final JsonMapper json;

  ErrorPathController(ErrorAttributes attributes, JsonMapper json) {
    this.attributes = attributes;
    this.json = json;
  }

  @RequestMapping
  ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpStatus status = status(request);
    String message = message(request, status);
    response.setStatus(status.value());
    if (wantsJson(request)) {
      response.setContentType(MediaType.APPLICATION_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      json.writeValue(response.getWriter(), new ApiError(message));
      return null;
    }
    return new ModelAndView(
        "error",
        Map.of("status", status.value(), "error", status.getReasonPhrase(), "message", message),
        status);
  }

  /** Returns whether the failed request went to the API or its caller does not want a page. */
  private static boolean wantsJson(HttpServletRequest request) {
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    if (uri == null || uri.toString().startsWith("/api/") || uri.toString().equals("/api")) {
      return true;
    }
    String accept = request.getHeader("Accept");
    return accept == null || !accept.contains(MediaType.TEXT_HTML_VALUE);
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status =
        code instanceof Integer value
            ? HttpStatus.resolve(value)
            : HttpStatus.INTERNAL_SERVER_ERROR;
    return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }

  /** Returns the error in one line; a server error's detail stays in the log. */
  private String message(HttpServletRequest request, HttpStatus status) {
    String reason = status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT);
    if (status.is5xxServerError()) {
      return reason + "; see the server log";
    }
    Object detail =
        attributes
            .getErrorAttributes(
                new ServletWebRequest(request),
                ErrorAttributeOptions.of(ErrorAttributeOptions.Include.MESSAGE))
            .get("message");
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String text = detail == null || detail.toString().isBlank() ? reason : detail.toString();
    return uri == null ? text : text + " (" + uri + ")";
  }
}
