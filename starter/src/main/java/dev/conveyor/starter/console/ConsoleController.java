package dev.conveyor.starter.console;

import dev.conveyor.client.DecisionRejectedException;
import dev.conveyor.client.JobNotFoundException;
import dev.conveyor.client.StartedJob;
import dev.conveyor.starter.artifact.ArtifactReader;
import dev.conveyor.starter.config.NoJobStore;
import dev.conveyor.starter.jobs.JobReads;
import dev.conveyor.starter.jobs.LostJobConflictException;
import dev.conveyor.starter.jobs.Resubmissions;
import dev.conveyor.starter.review.ReviewDecisions;
import dev.conveyor.starter.review.SelfApprovalException;
import dev.conveyor.starter.security.Role;
import dev.conveyor.store.JobDetail;
import dev.conveyor.store.JobPage;
import dev.conveyor.store.JobQueries;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.DecisionAction;
import dev.conveyor.workflow.model.JobStatus;
import dev.conveyor.workflow.model.Stage;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/** The console's pages, its decision form and the JSON its live script polls. */
@Controller
class ConsoleController {

  /** Text artifacts larger than this are not shown inline. */
  private static final long MAX_INLINE_TEXT = 200_000;

  static final Set<String> DECIDERS =
      Set.of(Role.REVIEWER.authority().getAuthority(), Role.ADMIN.authority().getAuthority());

  private static final Set<String> SUBMITTERS =
      Set.of(Role.SUBMITTER.authority().getAuthority(), Role.ADMIN.authority().getAuthority());

  private final JobQueries store;
  private final ArtifactReader artifacts;
  private final ReviewDecisions decisions;
  private final Clock clock;
  private final JobReads reads;
  private final Resubmissions resubmissions;

  ConsoleController(
      ObjectProvider<JobQueries> store,
      ArtifactReader artifacts,
      ReviewDecisions decisions,
      ObjectProvider<Clock> clock,
      JobReads reads,
      Resubmissions resubmissions) {
    this.store = store.getIfAvailable(NoJobStore::new);
    this.artifacts = artifacts;
    this.decisions = decisions;
    this.clock = clock.getIfAvailable(Clock::systemUTC);
    this.reads = reads;
    this.resubmissions = resubmissions;
  }

  /** The signed-in user's name, shown in every page's header. */
  @ModelAttribute("user")
  String user(Authentication principal) {
    return principal == null ? null : principal.getName();
  }

  @GetMapping("/")
  String home() {
    return "redirect:/console";
  }

  @GetMapping("/login")
  String login() {
    return "login";
  }

  /** The inbox: jobs awaiting a decision, the longest waiting first; never a job Temporal lost. */
  @GetMapping("/console")
  String inbox(
      @RequestParam(required = false) String tag,
      @RequestParam(required = false) String minAge,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    InboxQuery query = new InboxQuery(tag, minAge, page);
    model.addAttribute("query", query);
    model.addAttribute("now", clock.instant());
    try {
      JobPage jobs =
          reads.awaiting(query.filter(clock.instant()), query.page(), InboxQuery.PAGE_SIZE);
      model.addAttribute("jobs", jobs);
      model.addAttribute("lastPage", (jobs.total() - 1) / InboxQuery.PAGE_SIZE);
    } catch (IllegalArgumentException | IllegalStateException e) {
      model.addAttribute("error", e.getMessage());
    }
    return "inbox";
  }

  /**
   * One job: requirements, prompt, output, attempts with verdicts, cost, audit and timeline, with a
   * warning when the store's record is behind the workflow. A job whose record never reached the
   * store gets a page that says so, with the stage Temporal knows.
   */
  @GetMapping("/console/jobs/{id}")
  String job(@PathVariable String id, Authentication principal, Model model) {
    JobDetail job;
    try {
      job = reads.detail(id);
    } catch (JobNotFoundException notStored) {
      Stage live = liveStage(id);
      if (live == null) {
        throw notStored;
      }
      model.addAttribute("jobId", id);
      model.addAttribute("stage", live);
      return "job-not-stored";
    }
    boolean awaiting = job.summary().stage() == Stage.AWAITING_APPROVAL;
    boolean resubmittable =
        job.summary().stage() == Stage.LOST && job.summary().resubmittedAs() == null;
    model.addAttribute(
        "view",
        new JobPageView(
            job,
            text(job.prompt()),
            job.output() == null || job.output().image() ? null : text(job.output()),
            awaiting && hasRole(principal, DECIDERS),
            resubmittable && hasRole(principal, SUBMITTERS),
            JobPageView.versionOf(job),
            JobPageView.behind(job.summary().stage(), liveStage(id))));
    return "job";
  }

  /** Returns the job's stage as Temporal knows it, null when Temporal does not or cannot say. */
  private Stage liveStage(String id) {
    return reads.liveStage(id);
  }

  /** Starts a LOST job again and shows the new job. */
  @PostMapping("/console/jobs/{id}/resubmit")
  String resubmit(@PathVariable String id, Authentication principal, RedirectAttributes redirect) {
    try {
      StartedJob started = resubmissions.resubmit(id, null, principal.getName());
      redirect.addAttribute("id", started.jobId());
      redirect.addFlashAttribute("notice", "Resubmitted as " + started.jobId() + ".");
    } catch (LostJobConflictException e) {
      redirect.addAttribute("id", id);
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return "redirect:/console/jobs/{id}";
  }

  /** What the live script polls: the job's stage, revision and version. */
  @GetMapping(value = "/console/jobs/{id}/progress", produces = MediaType.APPLICATION_JSON_VALUE)
  @ResponseBody
  Map<String, Object> progress(@PathVariable String id) {
    JobDetail job = find(id);
    return Map.of(
        "jobId", id,
        "stage", job.summary().stage().name(),
        "revision", job.summary().revision(),
        "final", job.summary().stage().isFinal(),
        "version", JobPageView.versionOf(job));
  }

  /** Streams one of the job's artifacts (its prompt, an output) with its content type. */
  @GetMapping("/console/jobs/{id}/artifacts/{sha256}")
  ResponseEntity<byte[]> artifact(@PathVariable String id, @PathVariable String sha256) {
    JobDetail job = find(id);
    if (!JobPageView.references(job, sha256)) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "job " + id + " has no artifact " + sha256);
    }
    ArtifactRef ref = JobPageView.ref(job, sha256);
    return ResponseEntity.ok()
        .contentType(MediaType.parseMediaType(ref.contentType()))
        .cacheControl(CacheControl.maxAge(Duration.ofDays(1)).cachePrivate())
        .eTag(ref.sha256())
        .body(artifacts.read(ref));
  }

  /**
   * Applies the reviewer's decision: {@code approve}, {@code reject}, or {@code regenerate} (reject
   * and generate a new revision with the comment). A rejection needs a comment.
   */
  @PostMapping("/console/jobs/{id}/decision")
  String decide(
      @PathVariable String id,
      @RequestParam String action,
      @RequestParam(required = false) String comment,
      Authentication principal,
      RedirectAttributes redirect) {
    String redirectTo = "redirect:/console/jobs/{id}";
    redirect.addAttribute("id", id);
    DecisionAction decision =
        switch (action) {
          case "approve" -> DecisionAction.APPROVE;
          case "reject", "regenerate" -> DecisionAction.REJECT;
          default ->
              throw new ResponseStatusException(
                  HttpStatus.BAD_REQUEST, "unknown action '" + action + "'");
        };
    if (decision == DecisionAction.REJECT && (comment == null || comment.isBlank())) {
      redirect.addFlashAttribute("error", "A rejection needs a comment for the next revision.");
      return redirectTo;
    }
    try {
      JobStatus status =
          decisions.decide(id, decision, comment, action.equals("regenerate"), principal);
      redirect.addFlashAttribute("notice", outcome(status));
    } catch (SelfApprovalException | DecisionRejectedException e) {
      redirect.addFlashAttribute("error", e.getMessage());
    }
    return redirectTo;
  }

  private static String outcome(JobStatus status) {
    return switch (status.stage()) {
      case APPROVED -> "Approved.";
      case REJECTED -> "Rejected.";
      default -> "Rejected: revision " + status.revision() + " is being generated.";
    };
  }

  private JobDetail find(String id) {
    return store
        .find(id)
        .orElseThrow(
            () -> new ResponseStatusException(HttpStatus.NOT_FOUND, "job " + id + " not found"));
  }

  private String text(ArtifactRef ref) {
    if (ref == null || ref.image() || ref.sizeBytes() > MAX_INLINE_TEXT) {
      return null;
    }
    try {
      return new String(artifacts.read(ref), StandardCharsets.UTF_8);
    } catch (RuntimeException e) {
      return null;
    }
  }

  static boolean hasRole(Authentication principal, Set<String> roles) {
    return principal != null
        && principal.getAuthorities().stream()
            .map(GrantedAuthority::getAuthority)
            .anyMatch(roles::contains);
  }
}
