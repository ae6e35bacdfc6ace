package dev.conveyor.activities.generation;

import dev.conveyor.activities.modelcall.ModelCallFailures;
import dev.langchain4j.data.image.Image;
import io.temporal.failure.ApplicationFailure;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;

/**
 * Gets the bytes of a generated image: decodes base64 data, or downloads the URL a provider
 * returned. The content type comes from the bytes themselves (PNG, JPEG, GIF, WebP), then from what
 * the provider said.
 */
final class ImageFetcher {

  /** The largest image a download may return. */
  static final int MAX_BYTES = 50 * 1024 * 1024;

  private final HttpClient http =
      HttpClient.newBuilder()
          .connectTimeout(Duration.ofSeconds(10))
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  /** An image's bytes and content type. */
  record Fetched(byte[] bytes, String contentType) {}

  Fetched bytesOf(String model, Image image, Duration timeout) {
    if (image == null) {
      throw ModelCallFailures.unusableAnswer(model, "no image");
    }
    if (image.base64Data() != null && !image.base64Data().isBlank()) {
      byte[] bytes = decode(model, image.base64Data());
      return new Fetched(bytes, contentType(bytes, image.mimeType()));
    }
    if (image.url() != null) {
      return download(model, image.url(), timeout);
    }
    throw ModelCallFailures.unusableAnswer(model, "neither image data nor a URL");
  }

  private Fetched download(String model, URI url, Duration timeout) {
    String scheme = url.getScheme();
    if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
      throw ModelCallFailures.unusableAnswer(model, "an image URL that is not http(s)");
    }
    HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).GET().build();
    try {
      HttpResponse<InputStream> response =
          http.send(request, HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream body = response.body()) {
        if (response.statusCode() != 200) {
          throw ApplicationFailure.newFailure(
              "downloading the generated image answered HTTP " + response.statusCode(),
              "ImageDownloadFailed");
        }
        byte[] bytes = body.readNBytes(MAX_BYTES + 1);
        if (bytes.length > MAX_BYTES) {
          throw ModelCallFailures.unusableAnswer(model, "an image over 50 MB");
        }
        String declared = response.headers().firstValue("Content-Type").orElse(null);
        return new Fetched(bytes, contentType(bytes, declared));
      }
    } catch (IOException e) {
      throw ApplicationFailure.newFailureWithCause(
          "could not download the generated image: " + e.getMessage(), "ImageDownloadFailed", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw ApplicationFailure.newFailureWithCause(
          "downloading the generated image was interrupted", "ImageDownloadFailed", e);
    }
  }

  private static byte[] decode(String model, String base64) {
    String data = base64.strip();
    int comma = data.indexOf(',');
    if (data.startsWith("data:") && comma > 0) {
      data = data.substring(comma + 1);
    }
    try {
      return Base64.getMimeDecoder().decode(data);
    } catch (IllegalArgumentException e) {
      throw ModelCallFailures.unusableAnswer(model, "image data that is not base64");
    }
  }

  /** Returns the content type of image bytes, by their signature first. */
  static String contentType(byte[] bytes, String declared) {
    if (startsWith(bytes, 0x89, 'P', 'N', 'G')) {
      return "image/png";
    }
    if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
      return "image/jpeg";
    }
    if (startsWith(bytes, 'G', 'I', 'F', '8')) {
      return "image/gif";
    }
    if (bytes.length >= 12
        && startsWith(bytes, 'R', 'I', 'F', 'F')
        && bytes[8] == 'W'
        && bytes[9] == 'E') {
      return "image/webp";
    }
    if (declared != null && declared.startsWith("image/")) {
      return declared.split(";")[0].strip();
    }
    return "application/octet-stream";
  }

  private static boolean startsWith(byte[] bytes, int... signature) {
    if (bytes.length < signature.length) {
      return false;
    }
    for (int i = 0; i < signature.length; i++) {
      if ((bytes[i] & 0xFF) != signature[i]) {
        return false;
      }
    }
    return true;
  }
}
