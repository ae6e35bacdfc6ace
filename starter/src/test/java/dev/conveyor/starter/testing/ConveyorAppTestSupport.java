package dev.conveyor.starter.testing;

import dev.conveyor.store.testing.TestPostgres;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The starter on a random port against the in-process Temporal test server, with a worker running
 * the real workflow, artifacts in a temporary folder and the job store in a fresh database of a
 * real (embedded) PostgreSQL. Each test class gets its own application, closed after the class
 * together with its artifact folder.
 */
@SpringBootTest(
    webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "spring.temporal.test-server.enabled=true")
@Import(TemporalTestConfiguration.class)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
public abstract class ConveyorAppTestSupport {

  @TempDir static Path artifactsDir;

  @LocalServerPort protected int port;

  @Autowired protected FileScriptedActivities activities;

  @DynamicPropertySource
  static void artifacts(DynamicPropertyRegistry registry) {
    registry.add("conveyor.artifacts.dir", () -> artifactsDir.toString());
    TestPostgres.Database store = TestPostgres.emptyDatabase();
    registry.add("spring.datasource.url", store::url);
    registry.add("spring.datasource.username", () -> TestPostgres.Database.USER);
  }

  protected String baseUrl() {
    return "http://localhost:" + port;
  }
}
