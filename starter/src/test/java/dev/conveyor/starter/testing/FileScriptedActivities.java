package dev.conveyor.starter.testing;

import dev.conveyor.store.JobStoreWriter;
import dev.conveyor.workflow.activity.BundleStoreWrite;
import dev.conveyor.workflow.activity.CodeGenerationRequest;
import dev.conveyor.workflow.activity.GenerationRequest;
import dev.conveyor.workflow.activity.JobStoreWrite;
import dev.conveyor.workflow.activity.PromptRequest;
import dev.conveyor.workflow.activity.QaRequest;
import dev.conveyor.workflow.activity.StepResult;
import dev.conveyor.workflow.model.ArtifactRef;
import dev.conveyor.workflow.model.QaVerdict;
import dev.conveyor.workflow.testing.ScriptedActivities;
import io.temporal.activity.Activity;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/**
 * The workflows' scripted activities, writing every artifact into an artifact folder the way the
 * worker does, so the starter can serve outputs; images are real PNGs, one colour per revision.
 * Requirements steer each job: {@value #FAIL_ONCE} fails QA on the first attempt of every revision,
 * {@value #NEVER_PASS} fails it always, and {@value #HOLD} makes generation wait until {@link
 * #release(String)}.
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

  @Override
  public void projectBundle(BundleStoreWrite write) {
    super.projectBundle(write);
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
  public StepResult generateCode(CodeGenerationRequest request) {
    return written(super.generateCode(request));
  }

  @Override
  public StepResult generateImage(GenerationRequest request) {
    hold(request);
    StepResult scripted = super.generateImage(request);
    byte[] png = png(request.revision());
    ArtifactRef ref = new ArtifactRef(sha256(png), "image/png", png.length);
    write(ref, png);
    return new StepResult(ref, scripted.call());
  }

  /** Draws a small PNG whose colour tells the revision. */
  private static byte[] png(int revision) {
    BufferedImage image = new BufferedImage(96, 64, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setColor(revision == 0 ? new Color(0x2f6db5) : new Color(0xe08a2c));
    g.fillRect(0, 0, 96, 64);
    g.setColor(Color.WHITE);
    g.drawString("r" + revision, 40, 36);
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
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
    String requirements = text(request.requirements());
    if (requirements.contains(HOLD)) {
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
    write(ref, text(ref).getBytes(StandardCharsets.UTF_8));
    return ref;
  }

  private void write(ArtifactRef ref, byte[] content) {
    Path file = dir.resolve(ref.relativePath());
    try {
      Files.createDirectories(file.getParent());
      Files.write(file, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
