package dev.conveyor.starter.api;

import dev.conveyor.starter.evaluation.Calibration;
import dev.conveyor.starter.evaluation.Evaluations;
import dev.conveyor.starter.evaluation.LabelledSets;
import dev.conveyor.starter.evaluation.ReportFormat;
import dev.conveyor.starter.evaluation.ReviewerLabels;
import dev.conveyor.starter.evaluation.StartedEvaluation;
import dev.conveyor.workflow.evaluation.EvaluationProgress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/**
 * Evaluations over HTTP: start one from a golden set (JSONL as the body, or the file part {@code
 * goldenSet} of a multipart form) with {@code profiles}, {@code margin} and {@code concurrency} as
 * parameters; read its progress and its report in JSON, Markdown or HTML; cancel it.
 */
@RestController
@RequestMapping("/api/evaluations")
class EvaluationController {

  private final Evaluations evaluations;
  private final ReviewerLabels reviewers;

  EvaluationController(Evaluations evaluations, ReviewerLabels reviewers) {
    this.evaluations = evaluations;
    this.reviewers = reviewers;
  }

  /**
   * Exports the outputs reviewers decided on, of jobs created since a date, as a golden set:
   * approved is {@code pass}, rejected {@code fail}, the decision and its comment in the notes.
   */
  @GetMapping(value = "/export", produces = "application/jsonl")
  String export(@RequestParam(required = false) String since) {
    return LabelledSets.jsonl(reviewers.since(LabelledSets.since(since)));
  }

  /** Returns, for each QA score threshold, what a human would have seen and caught. */
  @GetMapping("/calibration")
  Calibration calibration(@RequestParam(required = false) String since) {
    return Calibration.of(reviewers.since(LabelledSets.since(since)));
  }

  /** Starts an evaluation from a JSONL body: 201 with its id. */
  @PostMapping(
      consumes = {
        "application/jsonl",
        "application/x-ndjson",
        MediaType.TEXT_PLAIN_VALUE,
        MediaType.APPLICATION_OCTET_STREAM_VALUE
      })
  ResponseEntity<StartedEvaluation> start(
      @RequestBody(required = false) String goldenSet,
      @RequestParam(required = false) String profiles,
      @RequestParam(required = false) Double margin,
      @RequestParam(required = false) Integer concurrency,
      Authentication principal) {
    return started(
        evaluations.start(goldenSet, names(profiles), concurrency, margin, principal.getName()));
  }

  /** Starts an evaluation from an uploaded golden set file: 201 with its id. */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<StartedEvaluation> upload(
      @RequestPart("goldenSet") MultipartFile goldenSet,
      @RequestParam(required = false) String profiles,
      @RequestParam(required = false) Double margin,
      @RequestParam(required = false) Integer concurrency,
      Authentication principal)
      throws IOException {
    String text = new String(goldenSet.getBytes(), StandardCharsets.UTF_8);
    return started(
        evaluations.start(text, names(profiles), concurrency, margin, principal.getName()));
  }

  /** Returns the evaluation's progress: cases done per profile, the report once written. */
  @GetMapping("/{id}")
  EvaluationProgress progress(@PathVariable String id) {
    return evaluations.progress(id);
  }

  @GetMapping("/{id}/report.json")
  ResponseEntity<byte[]> reportJson(@PathVariable String id) {
    return report(id, ReportFormat.JSON);
  }

  @GetMapping("/{id}/report.md")
  ResponseEntity<byte[]> reportMarkdown(@PathVariable String id) {
    return report(id, ReportFormat.MARKDOWN);
  }

  @GetMapping("/{id}/report.html")
  ResponseEntity<byte[]> reportHtml(@PathVariable String id) {
    return report(id, ReportFormat.HTML);
  }

  /** Cancels the evaluation and its running jobs: 202. */
  @PostMapping("/{id}/cancel")
  ResponseEntity<Void> cancel(@PathVariable String id) {
    evaluations.cancel(id);
    return ResponseEntity.accepted().build();
  }

  private ResponseEntity<byte[]> report(String id, ReportFormat format) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(format.contentType()))
        .body(evaluations.report(id, format));
  }

  private static ResponseEntity<StartedEvaluation> started(StartedEvaluation evaluation) {
    return ResponseEntity.created(
            ServletUriComponentsBuilder.fromCurrentContextPath()
                .path("/api/evaluations/{id}")
                .buildAndExpand(evaluation.evaluationId())
                .toUri())
        .body(evaluation);
  }

  /** Returns the profiles of a comma-separated list; none named means {@code default}. */
  private static List<String> names(String profiles) {
    if (profiles == null || profiles.isBlank()) {
      return List.of("default");
    }
    return Arrays.stream(profiles.split(",")).map(String::strip).toList();
  }
}
