package dev.conveyor.starter.api;

import dev.conveyor.client.DecisionRejectedException;
import dev.conveyor.client.IdempotencyKeyReusedException;
import dev.conveyor.client.InvalidJobRequestException;
import dev.conveyor.client.JobClientException;
import dev.conveyor.client.JobEndedException;
import dev.conveyor.client.JobNotFoundException;
import dev.conveyor.client.TemporalUnavailableException;
import dev.conveyor.starter.artifact.ArtifactNotFoundException;
import dev.conveyor.starter.evaluation.InvalidEvaluationException;
import dev.conveyor.starter.jobs.LostJobConflictException;
import dev.conveyor.starter.review.SelfApprovalException;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Maps every failure of the REST API to a status and a JSON {@link ApiError}. The console's own
 * handler comes first for the console's controllers and renders a page instead.
 */
@RestControllerAdvice
class ApiErrorHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiErrorHandler.class);

  @ExceptionHandler
  ResponseEntity<ApiError> invalidRequest(InvalidJobRequestException e) {
    return answer(HttpStatus.BAD_REQUEST, new ApiError("invalid job request", e.errors()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> keyReused(IdempotencyKeyReusedException e) {
    return answer(HttpStatus.UNPROCESSABLE_CONTENT, new ApiError(e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> bodyTooLarge(BodySizeLimitFilter.BodyTooLargeException e) {
    return answer(HttpStatus.CONTENT_TOO_LARGE, new ApiError(e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> unreadableBody(HttpMessageNotReadableException e) {
    if (BodySizeLimitFilter.tooLarge(e)) {
      return answer(HttpStatus.CONTENT_TOO_LARGE, new ApiError(BodySizeLimitFilter.message(e)));
    }
    return answer(
        HttpStatus.BAD_REQUEST,
        new ApiError("invalid request body", List.of(JsonErrors.fieldError(e))));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> decisionRejected(DecisionRejectedException e) {
    HttpStatus status =
        e.reason() == DecisionRejectedException.Reason.INVALID
            ? HttpStatus.BAD_REQUEST
            : HttpStatus.CONFLICT;
    return answer(status, new ApiError(e.getMessage(), e.errors()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> invalidEvaluation(InvalidEvaluationException e) {
    return answer(HttpStatus.BAD_REQUEST, new ApiError("invalid evaluation request", e.errors()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> selfApproval(SelfApprovalException e) {
    return answer(HttpStatus.FORBIDDEN, new ApiError(e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> notFound(JobNotFoundException e) {
    return answer(HttpStatus.NOT_FOUND, new ApiError(e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> ended(JobEndedException e) {
    return answer(HttpStatus.CONFLICT, new ApiError(e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> lostJobConflict(LostJobConflictException e) {
    return answer(HttpStatus.CONFLICT, new ApiError(e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> unavailable(TemporalUnavailableException e) {
    log.warn("Temporal is unavailable: {}", e.getMessage());
    return answer(HttpStatus.SERVICE_UNAVAILABLE, new ApiError(e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> temporalFailure(JobClientException e) {
    log.error("job client failure", e);
    return answer(HttpStatus.INTERNAL_SERVER_ERROR, new ApiError(e.getMessage()));
  }

  @ExceptionHandler
  ResponseEntity<ApiError> artifactMissing(ArtifactNotFoundException e) {
    log.error("{}", e.getMessage());
    return answer(
        HttpStatus.INTERNAL_SERVER_ERROR,
        new ApiError("the output " + e.ref().sha256() + " is missing from the artifact store"));
  }

  /** Spring's own errors (404 for unknown paths, 405, 415, ...) keep their status. */
  @ExceptionHandler
  ResponseEntity<ApiError> other(Exception e) {
    if (e instanceof ErrorResponse spring) {
      HttpStatusCode status = spring.getStatusCode();
      String detail = spring.getBody().getDetail();
      return answer(status, new ApiError(detail == null ? e.getMessage() : detail));
    }
    log.error("unexpected failure", e);
    return answer(
        HttpStatus.INTERNAL_SERVER_ERROR, new ApiError("internal error; see the server log"));
  }

  private static ResponseEntity<ApiError> answer(HttpStatusCode status, ApiError body) {
    return ResponseEntity.status(status).body(body);
  }
}
