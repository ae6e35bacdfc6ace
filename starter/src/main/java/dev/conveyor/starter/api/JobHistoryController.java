package dev.conveyor.starter.api;

import dev.conveyor.client.JobNotFoundException;
import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobPage;
import dev.conveyor.store.JobQueries;
import dev.conveyor.store.TimelineEvent;
import dev.conveyor.workflow.model.Stage;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Job listing and timelines, read from the job store (never from Temporal's visibility): {@code GET
 * /api/jobs} with filters and paging, and {@code GET /api/jobs/{id}/timeline}.
 */
@RestController
@RequestMapping("/api/jobs")
class JobHistoryController {

  private final JobQueries queries;

  JobHistoryController(JobQueries queries) {
    this.queries = queries;
  }

  @GetMapping
  JobPage list(@RequestParam Map<String, String> params) {
    JobListing listing = JobListing.parse(params);
    return queries.list(listing.filter(), listing.page(), listing.size());
  }

  @GetMapping("/{id}/timeline")
  Timeline timeline(@PathVariable String id) {
    JobDetail job = queries.find(id).orElseThrow(() -> new JobNotFoundException(id));
    return new Timeline(id, job.summary().stage(), job.timeline());
  }

  /**
   * A job's timeline.
   *
   * @param jobId the job's id
   * @param stage its current stage or final state
   * @param events every recorded event, oldest first
   */
  record Timeline(String jobId, Stage stage, List<TimelineEvent> events) {}

  @ExceptionHandler
  ResponseEntity<ApiError> invalidListing(JobListing.InvalidListingException e) {
    return ResponseEntity.status(HttpStatus.BAD_REQUEST)
        .body(new ApiError("invalid job listing", e.errors()));
  }
}
