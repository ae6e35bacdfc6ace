package dev.conveyor.starter.console;

import dev.conveyor.starter.evaluation.Evaluations;
import dev.conveyor.starter.evaluation.ReportFormat;
import dev.conveyor.workflow.evaluation.EvaluationProgress;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/**
 * The console's run page of an evaluation: its progress per profile while it runs (the page
 * refreshes itself), the verdict and the HTML report once it is written.
 */
@Controller
class EvaluationPageController {

  private final Evaluations evaluations;

  EvaluationPageController(Evaluations evaluations) {
    this.evaluations = evaluations;
  }

  @GetMapping("/console/evaluations/{id}")
  String evaluation(@PathVariable String id, Model model) {
    EvaluationProgress progress = evaluations.progress(id);
    model.addAttribute("progress", progress);
    model.addAttribute("total", progress.cases() * progress.profiles().size());
    model.addAttribute(
        "finished", progress.done().values().stream().mapToInt(Integer::intValue).sum());
    return "evaluation";
  }

  @GetMapping("/console/evaluations/{id}/report")
  ResponseEntity<byte[]> report(@PathVariable String id) {
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(ReportFormat.HTML.contentType()))
        .body(evaluations.report(id, ReportFormat.HTML));
  }
}
