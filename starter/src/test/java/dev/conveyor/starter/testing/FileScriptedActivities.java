package dev.conveyor.starter.testing;

import dev.conveyor.store.JobStoreWriter;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.JobStoreWrite;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.activity.Activity;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The workflows' scripted activities, writing every artifact into an artifact folder the way the
 * worker does, so the starter can serve outputs. Requirements steer each job: {@value #FAIL_ONCE}
 * fails QA on the first attempt of every revision, {@value #NEVER_PASS} fails it always, and
 * {@value #HOLD} makes generation wait until {@link #release(String)}.
 */
public class FileScriptedActivities extends ScriptedActivities {

  public static final String FAIL_ONCE = "[fail-once]";
  public static final String NEVER_PASS = "[never-pass]";
  public static final String HOLD = "[hold]";

  private final Path dir;
  private final JobStoreWriter store;
  private final Map<String, CountDownLatch> held = new ConcurrentHashMap<>();

  /** Writes artifacts into {@code dir} and the jobs' projection into the job store. */
  public FileScriptedActivities(Path dir, JobStoreWriter store) {
    this.dir = dir;
    this.store = store;
    judgeWith(this::judge);
  }

  @Override
  public void project(JobStoreWrite write) {
    super.project(write);
    store.write(write);
  }

  /** Lets the held generations of a job go on, now or whenever they start. */
  public void release(String jobId) {
    latch(jobId).countDown();
  }

  @Override
  public ArtifactRef storeText(String text) {
    return written(super.storeText(text));
  }

  @Override
  public StepResult writePrompt(PromptRequest request) {
    return written(super.writePrompt(request));
  }

  @Override
  public StepResult generateText(GenerationRequest request) {
    hold(request);
    return written(super.generateText(request));
  }

  @Override
  public StepResult generateImage(GenerationRequest request) {
    hold(request);
    return written(super.generateImage(request));
  }

  private QaVerdict judge(QaRequest request) {
    String requirements = text(request.requirements());
    if (requirements.contains(NEVER_PASS)
        || (requirements.contains(FAIL_ONCE) && request.attempt() == 1)) {
      return fail("attempt " + request.attempt() + " too short");
    }
    return pass(0.95);
  }

  private void hold(GenerationRequest request) {
    if (text(request.requirements()).contains(HOLD)) {
      try {
        latch(Activity.getExecutionContext().getInfo().getWorkflowId()).await(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private CountDownLatch latch(String jobId) {
    return held.computeIfAbsent(jobId, id -> new CountDownLatch(1));
  }

  private StepResult written(StepResult result) {
    written(result.artifact());
    return result;
  }

  private ArtifactRef written(ArtifactRef ref) {
    Path file = dir.resolve(ref.relativePath());
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text(ref), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return ref;
  }
}
