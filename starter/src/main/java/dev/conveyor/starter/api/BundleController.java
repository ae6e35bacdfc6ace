package dev.conveyor.starter.api;

import dev.conveyor.client.BundleClient;
import dev.conveyor.client.DecisionRejectedException;
import dev.conveyor.client.InvalidJobRequestException;
import dev.conveyor.client.StartedBundle;
import dev.conveyor.starter.bundles.BundleFiles;
import dev.conveyor.starter.bundles.PartFile;
import dev.conveyor.starter.review.BundleReviews;
import dev.conveyor.store.JobQueries;
import dev.conveyor.store.StoredBundle;
import dev.conveyor.workflow.activity.BundleEvent;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleRequest;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.FieldError;
import java.util.List;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
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
 * Bundles over HTTP: submit one (idempotently with a key, as a job), follow it, read its timeline
 * from the job store, take its one decision, download every part as a zip or one part alone, and
 * cancel it. A thin layer on {@link BundleClient}; the submitter and the reviewer are the
 * authenticated principal.
 */
@RestController
@RequestMapping("/api/bundles")
class BundleController {

  private final BundleClient bundles;
  private final BundleReviews reviews;
  private final BundleFiles files;
  private final JobQueries store;

  BundleController(
      BundleClient bundles, BundleReviews reviews, BundleFiles files, JobQueries store) {
    this.bundles = bundles;
    this.reviews = reviews;
    this.files = files;
    this.store = store;
  }

  /**
   * Starts a bundle: 201 with its id and where to follow it, 200 when the idempotency key names a
   * bundle started with the same request (a different request under the key is a 422, as for a
   * job).
   */
  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  ResponseEntity<StartedBundle> submit(
      @RequestHeader(name = JobController.IDEMPOTENCY_KEY, required = false) String idempotencyKey,
      @RequestBody BundleRequest request,
      Authentication principal) {
    if (request == null) {
      throw new InvalidJobRequestException(List.of(new FieldError("request", "is required")));
    }
    String submitter = principal.getName();
    if (request.submitter() != null && !request.submitter().equals(submitter)) {
      throw new InvalidJobRequestException(List.of(notAField("submitter", submitter)));
    }
    BundleRequest asPrincipal =
        new BundleRequest(
            request.parts(),
            request.maxRevisions(),
            request.maxConsistencyAttempts(),
            request.approvalTimeout(),
            request.budgetUsd(),
            submitter,
            request.tags());
    StartedBundle started = bundles.start(idempotencyKey, asPrincipal);
    if (!started.created()) {
      return ResponseEntity.ok(started);
    }
    return ResponseEntity.created(
            ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/bundles/{id}")
                .buildAndExpand(started.bundleId())
                .toUri())
        .body(started);
  }

  /**
   * The bundle's status: each part's state, verdicts, output, file name and cost, and the total.
   */
  @GetMapping("/{id}")
  BundleStatus status(@PathVariable String id) {
    return bundles.status(id);
  }

  /**
   * The bundle's timeline from the job store: its submission, stages, parts' changes, decisions and
   * end, oldest first. A bundle the store has never seen (started before bundles were stored, or
   * with no job store) is a 404 that says so.
   */
  @GetMapping("/{id}/timeline")
  BundleTimeline timeline(@PathVariable String id) {
    StoredBundle bundle =
        store
            .findBundle(id)
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND,
                        "bundle "
                            + id
                            + " is not in the job store: it never ran, or ran before bundles"
                            + " were stored; GET /api/bundles/"
                            + id
                            + " answers its status"));
    return new BundleTimeline(id, bundle.status().stage(), bundle.timeline());
  }

  /**
   * A bundle's timeline.
   *
   * @param bundleId the bundle's id
   * @param stage its stage as the store last heard it
   * @param events every recorded event, oldest first
   */
  record BundleTimeline(String bundleId, BundleStage stage, List<BundleEvent> events) {}

  /**
   * The one human decision: {@code {"action": "APPROVE"}}, or {@code {"action": "REJECT", "parts":
   * [{"part": "headline", "comment": "shorter"}]}} to send chosen parts back (no parts rejects the
   * bundle for good).
   */
  @PostMapping(path = "/{id}/decide", consumes = MediaType.APPLICATION_JSON_VALUE)
  BundleStatus decide(
      @PathVariable String id, @RequestBody BundleDecision decision, Authentication principal) {
    if (decision == null) {
      throw new DecisionRejectedException(
          DecisionRejectedException.Reason.INVALID,
          "invalid decision",
          List.of(new FieldError("decision", "is required")));
    }
    String reviewer = principal.getName();
    if (decision.reviewer() != null && !decision.reviewer().equals(reviewer)) {
      throw new DecisionRejectedException(
          DecisionRejectedException.Reason.INVALID,
          "invalid decision",
          List.of(notAField("reviewer", reviewer)));
    }
    return reviews.decide(id, decision, principal);
  }

  /** Every part's newest output under its file name, with {@code manifest.json}, as a zip. */
  @GetMapping("/{id}/output")
  ResponseEntity<byte[]> output(@PathVariable String id) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType("application/zip"))
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment().filename(id + ".zip").build().toString())
        .body(files.zip(id));
  }

  /** One part's newest output, with its own content type. */
  @GetMapping("/{id}/parts/{name}/output")
  ResponseEntity<byte[]> partOutput(@PathVariable String id, @PathVariable String name) {
    return serve(files.part(id, name));
  }

  /**
   * A part by its file name, beside the others, so that an HTML part's {@code <img src="hero.png">}
   * resolves; served under a policy that lets no script run.
   */
  @GetMapping("/{id}/files/{fileName}")
  ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String fileName) {
    return serve(files.file(id, fileName));
  }

  @PostMapping("/{id}/cancel")
  ResponseEntity<Void> cancel(@PathVariable String id) {
    bundles.cancel(id);
    return ResponseEntity.accepted().build();
  }

  private static ResponseEntity<byte[]> serve(PartFile file) {
    return ResponseEntity.ok()
        .headers(BundleFiles.previewHeaders())
        .contentType(MediaType.parseMediaType(file.contentType()))
        .eTag(file.sha256())
        .body(file.content());
  }

  private static FieldError notAField(String field, String principal) {
    return new FieldError(
        field,
        "is the authenticated principal (" + principal + "), not a request field; leave it out");
  }
}
