package dev.conveyor.starter.console;

import dev.conveyor.client.JobClientException;
import dev.conveyor.client.JobNotFoundException;
import dev.conveyor.starter.artifact.ArtifactNotFoundException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.ui.Model;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.server.ResponseStatusException;

/**
 * Renders the console's failures as a page that says what went wrong. It applies to the console's
 * controllers only and comes before the REST API's JSON handler.
 */
@ControllerAdvice(basePackageClasses = ConsoleErrorHandler.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ConsoleErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ConsoleErrorHandler.class);

  @ExceptionHandler
  String status(ResponseStatusException e, HttpServletResponse response, Model model) {
    return page(HttpStatus.valueOf(e.getStatusCode().value()), e.getReason(), response, model);
  }

  @ExceptionHandler
  String notFound(JobNotFoundException e, HttpServletResponse response, Model model) {
    return page(HttpStatus.NOT_FOUND, e.getMessage(), response, model);
  }

  @ExceptionHandler
  String artifactMissing(ArtifactNotFoundException e, HttpServletResponse response, Model model) {
    log.error("{}", e.getMessage());
    return page(HttpStatus.NOT_FOUND, "the artifact is missing from the store", response, model);
  }

  @ExceptionHandler
  String temporal(JobClientException e, HttpServletResponse response, Model model) {
    log.warn("console: {}", e.getMessage());
    return page(HttpStatus.SERVICE_UNAVAILABLE, e.getMessage(), response, model);
  }

  /** Spring's own errors (400 for a missing parameter, 405, ...) keep their status. */
  @ExceptionHandler
  String other(Exception e, HttpServletResponse response, Model model) {
    if (e instanceof ErrorResponse spring) {
      HttpStatus status = HttpStatus.valueOf(spring.getStatusCode().value());
      String detail = spring.getBody().getDetail();
      return page(status, detail == null ? e.getMessage() : detail, response, model);
    }
    log.error("console failure", e);
    return page(HttpStatus.INTERNAL_SERVER_ERROR, "see the server log", response, model);
  }

  private static String page(
      HttpStatus status, String message, HttpServletResponse response, Model model) {
    response.setStatus(status.value());
    model.addAttribute("status", status.value());
    model.addAttribute("error", status.getReasonPhrase());
    model.addAttribute("message", message);
    return "error";
  }
}
