package dev.conveyor.activities.offline;

import dev.conveyor.activities.text.KeyTerms;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import javax.imageio.ImageIO;

/**
 * What an offline picture shows, written into its pixels and read back from them. The offline
 * painter draws its prompt; along the bottom row of the picture it also draws the significant words
 * of that prompt as a strip of pixels (a marker pixel, a length pixel, then three bytes of UTF-8
 * per pixel). The offline cross-part judge decodes the PNG and reads the strip, so that it can tell
 * whether a picture shows what the copy beside it promises without a vision model.
 */
public final class PictureSubject {

  private static final int MARKER = 0x43_56_59;
  private static final int HEADER_PIXELS = 2;

  private PictureSubject() {}

  /** Returns the words a prompt's picture shows: its significant words, once each, in order. */
  static List<String> of(String prompt) {
    Set<String> seen = new LinkedHashSet<>();
    List<String> words = new ArrayList<>();
    for (String word : KeyTerms.words(prompt)) {
      String lower = word.toLowerCase(Locale.ROOT);
      if (KeyTerms.significant(lower) && seen.add(lower)) {
        words.add(lower);
      }
    }
    return words;
  }

  /** Draws the words along the bottom row of the picture, as many as the row holds. */
  static void draw(BufferedImage image, List<String> words) {
    int capacity = (image.getWidth() - HEADER_PIXELS) * 3;
    byte[] data = fitting(words, capacity);
    int y = image.getHeight() - 1;
    image.setRGB(0, y, MARKER);
    image.setRGB(1, y, data.length);
    for (int i = 0; i < data.length; i += 3) {
      int rgb = (data[i] & 0xff) << 16;
      rgb |= i + 1 < data.length ? (data[i + 1] & 0xff) << 8 : 0;
      rgb |= i + 2 < data.length ? data[i + 2] & 0xff : 0;
      image.setRGB(HEADER_PIXELS + i / 3, y, rgb);
    }
  }

  /**
   * Reads the words a picture shows from its bytes; empty when the bytes are no image, or an image
   * the offline painter did not draw.
   */
  public static Optional<List<String>> read(byte[] picture) {
    BufferedImage image;
    try {
      image = picture == null ? null : ImageIO.read(new ByteArrayInputStream(picture));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
    if (image == null || image.getWidth() <= HEADER_PIXELS) {
      return Optional.empty();
    }
    int y = image.getHeight() - 1;
    int length = image.getRGB(1, y) & 0xff_ff_ff;
    if ((image.getRGB(0, y) & 0xff_ff_ff) != MARKER
        || length > (image.getWidth() - HEADER_PIXELS) * 3) {
      return Optional.empty();
    }
    byte[] data = new byte[length];
    for (int i = 0; i < length; i++) {
      int rgb = image.getRGB(HEADER_PIXELS + i / 3, y);
      data[i] = (byte) (rgb >> (16 - 8 * (i % 3)));
    }
    String text = new String(data, StandardCharsets.UTF_8).strip();
    return Optional.of(text.isEmpty() ? List.of() : List.of(text.split(" ")));
  }

  private static byte[] fitting(List<String> words, int capacity) {
    StringBuilder text = new StringBuilder();
    for (String word : words) {
      String next = text.length() == 0 ? word : text + " " + word;
      if (next.getBytes(StandardCharsets.UTF_8).length > capacity) {
        break;
      }
      text = new StringBuilder(next);
    }
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
