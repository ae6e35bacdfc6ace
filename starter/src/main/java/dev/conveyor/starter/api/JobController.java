package dev.conveyor.starter.api;

import dev.conveyor.client.DecisionRejectedException;
import dev.conveyor.client.InvalidJobRequestException;
import dev.conveyor.client.JobClient;
import dev.conveyor.client.JobNotFoundException;
import dev.conveyor.client.StartedJob;
import dev.conveyor.starter.artifact.ArtifactReader;
import dev.conveyor.starter.jobs.JobReads;
import dev.conveyor.starter.jobs.JobView;
import dev.conveyor.starter.jobs.Resubmissions;
import dev.conveyor.starter.profiles.ProfileCheck;
import dev.conveyor.starter.review.ReviewDecisions;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.Decision;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.FieldError;
import dev.conveyor.workflow.model.JobRequest;
import dev.conveyor.workflow.model.JobStatus;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Jobs over HTTP; a thin layer on {@link JobClient}, which validates and talks to Temporal, and on
 * {@link JobReads}, which answers from the job store when Temporal cannot. The submitter of a job
 * and the reviewer of a decision are the authenticated principal: a request body that names someone
 * else is refused with 400.
 */
@RestController
@RequestMapping("/api/jobs")
class JobController {

  static final String IDEMPOTENCY_KEY = "Idempotency-Key";

  private final JobClient jobs;
  private final ArtifactReader artifacts;
  private final ReviewDecisions decisions;
  private final JobReads reads;
  private final Resubmissions resubmissions;
  private final ProfileCheck profiles;

  JobController(
      JobClient jobs,
      ArtifactReader artifacts,
      ReviewDecisions decisions,
      JobReads reads,
      Resubmissions resubmissions,
      ProfileCheck profiles) {
    this.profiles = profiles;
    this.jobs = jobs;
    this.artifacts = artifacts;
    this.decisions = decisions;
    this.reads = reads;
    this.resubmissions = resubmissions;
  }

  /** Starts a job: 201 for a new one, 200 when the idempotency key names an existing one. */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<StartedJob> submit(
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      @RequestBody JobRequest request,
      Authentication principal) {
    String submitter = principal.getName();
    if (request != null) {
      List<FieldError> errors = otherIdentity("submitter", request.submitter(), submitter);
      if (!errors.isEmpty()) {
        throw new InvalidJobRequestException(errors);
      }
      request = request.toBuilder().submitter(submitter).build();
    }
    profiles.refuseUnknown(request);
    resubmissions.refuseKeyOfLostJob(idempotencyKey);
    return started(jobs.start(idempotencyKey, request));
  }

  /**
   * Starts a LOST job again from its stored request, submitted by the principal: 201 for the new
   * job, 200 when an earlier resubmission (or the idempotency key) already started it.
   */
  @PostMapping("/{id}/resubmit")
  ResponseEntity<StartedJob> resubmit(
      @PathVariable String id,
      @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      Authentication principal) {
    return started(resubmissions.resubmit(id, idempotencyKey, principal.getName()));
  }

  private static ResponseEntity<StartedJob> started(StartedJob job) {
    if (!job.created()) {
      return ResponseEntity.ok(job);
    }
    return ResponseEntity.created(
            ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/jobs/{id}")
                .buildAndExpand(job.jobId())
                .toUri())
        .body(job);
  }

  /** The job's status: from its workflow, or from the job store (then {@code source} is STORE). */
  @GetMapping("/{id}")
  JobView status(@PathVariable String id) {
    return reads.status(id);
  }

  @PostMapping("/{id}/approve")
  JobStatus approve(
      @PathVariable String id,
      @RequestBody(required = false) Decision decision,
      Authentication principal) {
    return decide(id, DecisionAction.APPROVE, decision, principal);
  }

  @PostMapping("/{id}/reject")
  JobStatus reject(
      @PathVariable String id,
      @RequestBody(required = false) Decision decision,
      Authentication principal) {
    return decide(id, DecisionAction.REJECT, decision, principal);
  }

  private JobStatus decide(
      String id, DecisionAction action, Decision decision, Authentication principal) {
    Decision body = orEmpty(decision);
    List<FieldError> errors = otherIdentity("reviewer", body.reviewer(), principal.getName());
    if (!errors.isEmpty()) {
      throw new DecisionRejectedException(
          DecisionRejectedException.Reason.INVALID, "invalid decision", errors);
    }
    try {
      return decisions.decide(
          id, action, body.comment(), Boolean.TRUE.equals(body.regenerate()), principal);
    } catch (JobNotFoundException e) {
      if (reads.lostToTemporal(id)) {
        throw new DecisionRejectedException(
            DecisionRejectedException.Reason.JOB_ENDED,
            "job " + id + " is lost: Temporal no longer knows it; resubmit it to run it again",
            List.of());
      }
      throw e;
    }
  }

  /** A body may repeat the principal's name, or leave it out; naming anyone else is a 400. */
  private static List<FieldError> otherIdentity(String field, String named, String principal) {
    if (named == null || named.equals(principal)) {
      return List.of();
    }
    return List.of(
        new FieldError(
            field,
            "is the authenticated principal ("
                + principal
                + "), not a request field; leave it out"));
  }

  /** Returns the job's newest output with its own content type. */
  @GetMapping("/{id}/output")
  ResponseEntity<byte[]> output(@PathVariable String id) {
    ArtifactRef output = reads.status(id).status().output();
    if (output == null) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "job " + id + " has no output yet");
    }
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(output.contentType()))
        .eTag(output.sha256())
        .body(artifacts.read(output));
  }

  @PostMapping("/{id}/cancel")
  ResponseEntity<Void> cancel(@PathVariable String id) {
    jobs.cancel(id);
    return ResponseEntity.accepted().build();
  }

  private static Decision orEmpty(Decision decision) {
    return decision == null ? new Decision(null, null, null) : decision;
  }
}
