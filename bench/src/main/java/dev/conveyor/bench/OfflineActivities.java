package dev.conveyor.bench;

import dev.conveyor.activities.artifact.ArtifactActivitiesImpl;
import dev.conveyor.activities.artifact.FileArtifactStore;
import dev.conveyor.activities.catalog.ModelCatalog;
import dev.conveyor.activities.generation.GenerationActivitiesImpl;
import dev.conveyor.activities.offline.OfflineSettings;
import dev.conveyor.activities.prompt.PromptActivitiesImpl;
import dev.conveyor.activities.qa.QaActivitiesImpl;
import dev.conveyor.activities.routing.RoutingActivitiesImpl;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The worker's real activity implementations on the offline models, wired as the worker wires them
 * (see {@code PipelineActivityConfiguration} and the other configurations in {@code
 * dev.conveyor.worker.wiring}), with the artifact store in a temporary folder.
 *
 * @param routing the routing activities
 * @param artifacts the artifact activities
 * @param prompts the prompt activities
 * @param generation the generation activities
 * @param qa the QA activities
 */
public record OfflineActivities(
    RoutingActivitiesImpl routing,
    ArtifactActivitiesImpl artifacts,
    PromptActivitiesImpl prompts,
    GenerationActivitiesImpl generation,
    QaActivitiesImpl qa) {

  /** Creates the activities; each offline model call takes the given simulated latency. */
  public static OfflineActivities create(Duration latency) {
    OfflineSettings offline = new OfflineSettings(0, latency);
    ModelCatalog catalog = ModelCatalog.create(Map.of(), offline, System::getenv);
    FileArtifactStore store = new FileArtifactStore(tempDir());
    return new OfflineActivities(
        new RoutingActivitiesImpl(catalog),
        new ArtifactActivitiesImpl(store),
        new PromptActivitiesImpl(store, catalog),
        new GenerationActivitiesImpl(store, catalog),
        new QaActivitiesImpl(store, catalog, offline));
  }

  /**
   * Returns all of them, for {@code Worker.registerActivitiesImplementations}, with the job store
   * and reminder activities the worker registers too (the store on an embedded PostgreSQL).
   */
  public Object[] all() {
    return new Object[] {
      routing, artifacts, prompts, generation, qa, BenchStore.activities(), BenchStore.reminders()
    };
  }

  /**
   * The system property naming an artifact folder that another process created, so that worker
   * processes of one benchmark share it, as workers share their store; without it each JVM has its
   * own.
   */
  static final String ARTIFACTS_DIR = "conveyor.bench.artifacts";

  private static Path tempDir() {
    String shared = System.getProperty(ARTIFACTS_DIR);
    if (shared != null) {
      return Path.of(shared);
    }
    try {
      Path dir = Files.createTempDirectory("conveyor-bench-artifacts");
      dir.toFile().deleteOnExit();
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
