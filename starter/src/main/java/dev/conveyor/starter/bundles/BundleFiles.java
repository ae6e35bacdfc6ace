package dev.conveyor.starter.bundles;

import dev.conveyor.client.BundleClient;
import dev.conveyor.starter.artifact.ArtifactReader;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.PartStatus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Serves a bundle's parts as files: each part's newest output by part name or by file name, and a
 * zip of every part with a {@code manifest.json}. The parts' files sit side by side, so an HTML
 * part's {@code <img src="hero.png">} resolves to the hero part, in the zip and in the preview.
 */
public class BundleFiles {

  /** The name of the manifest in a bundle's zip. */
  public static final String MANIFEST = "manifest.json";

  /**
   * The policy of a previewed part: a sandbox without scripts, nothing loaded from elsewhere, and
   * images and inline styles only from the bundle itself.
   */
  public static final String PREVIEW_POLICY =
      "sandbox; default-src 'none'; img-src 'self' data:; style-src 'unsafe-inline'";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final BundleClient bundles;
  private final ArtifactReader artifacts;

  public BundleFiles(BundleClient bundles, ArtifactReader artifacts) {
    this.bundles = bundles;
    this.artifacts = artifacts;
  }

  /**
   * Returns the newest output of the part of this name.
   *
   * @throws ResponseStatusException 404 when the bundle has no such part or it has no output yet
   */
  public PartFile part(String bundleId, String name) {
    return find(bundleId, p -> p.name().equals(name), "part " + name);
  }

  /**
   * Returns the part whose file has this name, for example {@code hero.png}.
   *
   * @throws ResponseStatusException 404 when no part's output has this file name
   */
  public PartFile file(String bundleId, String fileName) {
    return find(bundleId, p -> fileName.equals(p.fileName()), "file " + fileName);
  }

  /**
   * Returns a zip of every part's newest output under its file name, with a {@value #MANIFEST}
   * naming each file's part, kind, content type, SHA-256, state and cost.
   *
   * @throws ResponseStatusException 404 when no part has an output yet
   */
  public byte[] zip(String bundleId) {
    BundleStatus status = bundles.status(bundleId);
    List<PartStatus> withOutput = status.parts().stream().filter(p -> p.output() != null).toList();
    if (withOutput.isEmpty()) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "bundle " + bundleId + " has no output yet");
    }
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry(MANIFEST));
      zip.write(JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(manifest(status)));
      zip.closeEntry();
      for (PartStatus part : withOutput) {
        zip.putNextEntry(new ZipEntry(part.fileName()));
        zip.write(artifacts.read(part.output()));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  /** Returns the headers of a previewed file: its policy, and no guessing of its type. */
  public static HttpHeaders previewHeaders() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Security-Policy", PREVIEW_POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    return headers;
  }

  private PartFile find(String bundleId, Predicate<PartStatus> wanted, String what) {
    PartStatus part =
        bundles.status(bundleId).parts().stream()
            .filter(wanted)
            .findFirst()
            .orElseThrow(
                () ->
                    new ResponseStatusException(
                        HttpStatus.NOT_FOUND, "bundle " + bundleId + " has no " + what));
    if (part.output() == null) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND,
          "part " + part.name() + " of bundle " + bundleId + " has no output yet");
    }
    return new PartFile(
        part.name(),
        part.fileName(),
        part.output().contentType(),
        part.output().sha256(),
        artifacts.read(part.output()));
  }

  private static Map<String, Object> manifest(BundleStatus status) {
    Map<String, Object> manifest = new LinkedHashMap<>();
    manifest.put("bundleId", status.bundleId());
    manifest.put("stage", status.stage());
    manifest.put("decidedBy", status.decidedBy());
    manifest.put("costUsd", status.costUsd());
    List<Map<String, Object>> parts = new ArrayList<>();
    for (PartStatus part : status.parts()) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("name", part.name());
      entry.put("outputKind", part.outputKind());
      entry.put("language", part.language());
      entry.put("uses", part.uses());
      entry.put("state", part.state());
      entry.put("file", part.output() == null ? null : part.fileName());
      entry.put("contentType", part.output() == null ? null : part.output().contentType());
      entry.put("sha256", part.output() == null ? null : part.output().sha256());
      entry.put("jobId", part.jobId());
      entry.put("costUsd", part.costUsd());
      parts.add(entry);
    }
    manifest.put("parts", parts);
    return manifest;
  }
}
