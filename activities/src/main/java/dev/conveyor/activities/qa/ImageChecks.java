package dev.conveyor.activities.qa;

import dev.conveyor.workflow.model.QaVerdict;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * Deterministic checks of an image output: it decodes (PNG, JPEG, GIF or BMP), it is at least
 * {@value #MIN_SIDE} pixels on each side and at most {@value #MAX_SIDE}, and it is not blank: its
 * sampled pixels have at least {@value #MIN_COLOURS} distinct colours and a brightness spread of at
 * least {@value #MIN_SPREAD}.
 */
public final class ImageChecks {

  public static final int MIN_SIDE = 64;
  public static final int MAX_SIDE = 8_192;
  public static final int MIN_COLOURS = 8;
  public static final double MIN_SPREAD = 4.0;

  private static final int SAMPLES_PER_SIDE = 128;

  /** Checks an image output. */
  public QaVerdict check(byte[] content) {
    BufferedImage image;
    try {
      image = decode(content);
    } catch (Oversized e) {
      return fail(
          0.1, e.getMessage(), "Produce an image of at most " + MAX_SIDE + " pixels a side.");
    } catch (IOException | RuntimeException e) {
      image = null;
    }
    if (image == null) {
      return fail(0, "not a decodable image", "Produce a PNG or JPEG image.");
    }
    int width = image.getWidth();
    int height = image.getHeight();
    if (width < MIN_SIDE || height < MIN_SIDE) {
      return fail(
          0.2,
          "too small: " + width + "x" + height + " pixels, at least " + MIN_SIDE + "x" + MIN_SIDE,
          "Produce a larger image, at least " + MIN_SIDE + " pixels on each side.");
    }
    Set<Integer> colours = new HashSet<>();
    double sum = 0;
    double sumOfSquares = 0;
    int samples = 0;
    int stepX = Math.max(1, width / SAMPLES_PER_SIDE);
    int stepY = Math.max(1, height / SAMPLES_PER_SIDE);
    for (int y = 0; y < height; y += stepY) {
      for (int x = 0; x < width; x += stepX) {
        int rgb = image.getRGB(x, y);
        colours.add(rgb & 0xF8F8F8);
        double brightness =
            0.299 * ((rgb >> 16) & 0xFF) + 0.587 * ((rgb >> 8) & 0xFF) + 0.114 * (rgb & 0xFF);
        sum += brightness;
        sumOfSquares += brightness * brightness;
        samples++;
      }
    }
    double mean = sum / samples;
    double spread = Math.sqrt(Math.max(0, sumOfSquares / samples - mean * mean));
    if (colours.size() < MIN_COLOURS || spread < MIN_SPREAD) {
      return fail(
          0.3,
          "blank: " + colours.size() + " distinct colours, brightness spread " + Math.round(spread),
          "Produce a picture with visible content, shapes and contrast; the last one was blank.");
    }
    return new QaVerdict(
        true,
        1.0,
        List.of(),
        "Decodes as a " + width + "x" + height + " image with visible content.");
  }

  private static BufferedImage decode(byte[] content) throws IOException, Oversized {
    if (content == null || content.length == 0) {
      return null;
    }
    try (ImageInputStream input =
        ImageIO.createImageInputStream(new ByteArrayInputStream(content))) {
      Iterator<ImageReader> readers = ImageIO.getImageReaders(input);
      if (!readers.hasNext()) {
        return null;
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(input, true, true);
        int width = reader.getWidth(0);
        int height = reader.getHeight(0);
        if (width > MAX_SIDE || height > MAX_SIDE) {
          throw new Oversized(
              "too large: " + width + "x" + height + " pixels, at most " + MAX_SIDE + " a side");
        }
        return reader.read(0);
      } finally {
        reader.dispose();
      }
    }
  }

  private static QaVerdict fail(double score, String issue, String feedback) {
    return new QaVerdict(false, score, List.of(issue), feedback);
  }

  /** An image too large to decode safely. */
  private static final class Oversized extends Exception {
    Oversized(String message) {
      super(message);
    }
  }
}
