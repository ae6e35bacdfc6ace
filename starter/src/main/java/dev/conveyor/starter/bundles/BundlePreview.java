package dev.conveyor.starter.bundles;

import dev.conveyor.client.BundleClient;
import dev.conveyor.starter.artifact.ArtifactReader;
import dev.conveyor.workflow.model.BundleStatus;
import dev.conveyor.workflow.model.CodeLanguage;
import dev.conveyor.workflow.model.OutputKind;
import dev.conveyor.workflow.model.PartStatus;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

/**
 * The assembled page of a bundle's HTML part, for a sandboxed frame: every {@code <img src>} that
 * names an image part's file is replaced by that image as a {@code data:} URI, so the page needs
 * nothing from the network, and its policy lets it load nothing else and run no script.
 */
public class BundlePreview {

  /**
   * The policy of a preview: a sandbox without scripts, nothing loaded but inline images and
   * styles, framed only by the console itself.
   */
  public static final String POLICY =
      "sandbox; default-src 'none'; img-src data:; style-src 'unsafe-inline';"
          + " frame-ancestors 'self'";

  private final BundleClient bundles;
  private final ArtifactReader artifacts;

  public BundlePreview(BundleClient bundles, ArtifactReader artifacts) {
    this.bundles = bundles;
    this.artifacts = artifacts;
  }

  /**
   * Returns the HTML part's page with the images of the bundle in place.
   *
   * @throws ResponseStatusException 404 when the bundle has no HTML part of this name with output
   */
  public String page(String bundleId, String part) {
    BundleStatus status = bundles.status(bundleId);
    PartStatus html = status.part(part);
    if (html == null
        || html.outputKind() != OutputKind.CODE
        || CodeLanguage.of(html.language()) != CodeLanguage.HTML
        || html.output() == null) {
      throw new ResponseStatusException(
          HttpStatus.NOT_FOUND, "bundle " + bundleId + " has no HTML part " + part + " to preview");
    }
    Map<String, PartStatus> images = new HashMap<>();
    for (PartStatus other : status.parts()) {
      if (other.outputKind() == OutputKind.IMAGE && other.output() != null) {
        images.put(other.fileName(), other);
      }
    }
    Document page = Jsoup.parse(new String(artifacts.read(html.output()), StandardCharsets.UTF_8));
    for (Element image : page.select("img[src]")) {
      PartStatus source = images.get(image.attr("src").strip());
      if (source != null) {
        String data = Base64.getEncoder().encodeToString(artifacts.read(source.output()));
        image.attr("src", "data:" + source.output().contentType() + ";base64," + data);
      }
    }
    return page.outerHtml();
  }

  /** Returns the headers of a preview: its policy, and no guessing of its type. */
  public static HttpHeaders headers() {
    HttpHeaders headers = new HttpHeaders();
    headers.set("Content-Security-Policy", POLICY);
    headers.set("X-Content-Type-Options", "nosniff");
    headers.set("X-Frame-Options", "SAMEORIGIN");
    return headers;
  }
}
