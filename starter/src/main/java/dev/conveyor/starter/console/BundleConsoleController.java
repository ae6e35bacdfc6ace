package dev.conveyor.starter.console;

import dev.conveyor.client.BundleClient;
import dev.conveyor.client.DecisionRejectedException;
import dev.conveyor.starter.bundles.BundleFiles;
import dev.conveyor.starter.bundles.BundlePreview;
import dev.conveyor.starter.bundles.PartFile;
import dev.conveyor.starter.review.BundleReviews;
import dev.conveyor.starter.review.SelfApprovalException;
import dev.conveyor.workflow.model.BundleDecision;
import dev.conveyor.workflow.model.BundleStage;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.PartRejection;
import dev.conveyor.workflow.model.PartStatus;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's bundle page: every part side by side with its verdicts and output, the assembled
 * HTML in a sandboxed frame with the images in place, and the one decision, which may send chosen
 * parts back with a comment each.
 */
@Controller
class BundleConsoleController {

  /** Text outputs larger than this are not shown inline. */
  private static final int MAX_INLINE_TEXT = 200_000;

  private final BundleClient bundles;
  private final BundleFiles files;
  private final BundlePreview preview;
  private final BundleReviews reviews;

  BundleConsoleController(
      BundleClient bundles, BundleFiles files, BundlePreview preview, BundleReviews reviews) {
    this.bundles = bundles;
    this.files = files;
    this.preview = preview;
    this.reviews = reviews;
  }

  /** Opens the bundle a reviewer names, for example from the inbox's form. */
  @GetMapping("/console/bundles")
  String open(@RequestParam String id) {
    return "redirect:/console/bundles/" + id.strip();
  }

  @GetMapping("/console/bundles/{id}")
  String bundle(@PathVariable String id, Authentication principal, Model model) {
    BundleStatus status = bundles.status(id);
    model.addAttribute("bundle", status);
    model.addAttribute("texts", texts(id, status));
    model.addAttribute(
        "previews",
        status.parts().stream()
            .filter(p -> p.outputKind() == OutputKind.CODE && "html".equalsIgnoreCase(p.language()))
            .filter(p -> p.output() != null)
            .map(PartStatus::name)
            .toList());
    model.addAttribute(
        "canDecide",
        status.stage() == BundleStage.AWAITING_APPROVAL
            && ConsoleController.hasRole(principal, ConsoleController.DECIDERS));
    return "bundle";
  }

  /** A part by its file name, for the page's images and links. */
  @GetMapping("/console/bundles/{id}/files/{fileName}")
  ResponseEntity<byte[]> file(@PathVariable String id, @PathVariable String fileName) {
    PartFile file = files.file(id, fileName);
    return ResponseEntity.ok()
        .headers(BundleFiles.previewHeaders())
        .contentType(MediaType.parseMediaType(file.contentType()))
        .eTag(file.sha256())
        .body(file.content());
  }

  /** The assembled HTML of a part, for a sandboxed frame: images inlined, no script runs. */
  @GetMapping("/console/bundles/{id}/preview/{part}")
  ResponseEntity<String> preview(@PathVariable String id, @PathVariable String part) {
    return ResponseEntity.ok()
        .headers(BundlePreview.headers())
        .contentType(new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8))
        .body(preview.page(id, part));
  }

  /**
   * Applies the decision: {@code approve} every part, {@code sendback} the parts ticked in {@code
   * part} with the comment of each ({@code comment-<part>}, else the bundle's comment), or {@code
   * reject} the bundle for good.
   */
  @PostMapping("/console/bundles/{id}/decision")
  String decide(
      @PathVariable String id,
      @RequestParam String action,
      @RequestParam MultiValueMap<String, String> form,
      Authentication principal,
      RedirectAttributes redirect) {
    String comment = blankToNull(form.getFirst("comment"));
    String target = "redirect:/console/bundles/{id}";
    redirect.addAttribute("id", id);
    BundleDecision decision;
    switch (action) {
      case "approve" -> decision = BundleDecision.approve(principal.getName(), comment);
      case "reject" ->
          decision =
              new BundleDecision(DecisionAction.REJECT, principal.getName(), comment, List.of());
      case "sendback" -> {
        List<PartRejection> parts = new ArrayList<>();
        for (String part : form.getOrDefault("part", List.of())) {
          String own = blankToNull(form.getFirst("comment-" + part));
          parts.add(new PartRejection(part, own != null ? own : comment));
        }
        if (parts.isEmpty()) {
          redirect.addFlashAttribute("error", "Tick the parts to send back.");
          return target;
        }
        decision = BundleDecision.sendBack(principal.getName(), parts);
      }
      default -> {
        redirect.addFlashAttribute("error", "Unknown action " + action + ".");
        return target;
      }
    }
    try {
      BundleStatus status = reviews.decide(id, decision, principal);
      redirect.addFlashAttribute(
          "notice",
          switch (status.stage()) {
            case APPROVED -> "Approved.";
            case REJECTED -> "Rejected.";
            default -> "Sent back: the parts run again (revision " + status.revision() + ").";
          });
    } catch (SelfApprovalException | DecisionRejectedException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return target;
  }

  /** Returns the text of each TEXT and CODE part's output that is small enough to show. */
  private Map<String, String> texts(String id, BundleStatus status) {
    Map<String, String> texts = new LinkedHashMap<>();
    for (PartStatus part : status.parts()) {
      if (part.output() != null
          && part.outputKind() != OutputKind.IMAGE
          && part.output().sizeBytes() <= MAX_INLINE_TEXT) {
        texts.put(
            part.name(), new String(files.part(id, part.name()).content(), StandardCharsets.UTF_8));
      }
    }
    return texts;
  }

  private static String blankToNull(String text) {
    return text == null || text.isBlank() ? null : text.strip();
  }
}
