package dev.conveyor.activities.offline;

import dev.conveyor.activities.brief.Briefs;
import dev.langchain4j.data.image.Image;
import dev.langchain4j.model.image.ImageModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import java.awt.AlphaComposite;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.GradientPaint;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Path2D;
import java.awt.geom.RoundRectangle2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The offline painter. It draws a 512 by 512 PNG with Java2D, headless: a gradient and shapes whose
 * colours and places follow from the SHA-256 of the prompt, and the prompt's text wrapped on a
 * panel, and along its bottom row the prompt's significant words as pixels ({@link PictureSubject})
 * that the offline cross-part judge reads. The same prompt always gives the same picture; another
 * prompt, or the same prompt with feedback appended, gives another one.
 */
public final class OfflineImageModel implements ImageModel {

  /** The width and height of every offline image. */
  public static final int SIZE = 512;

  private static final Logger log = LoggerFactory.getLogger(OfflineImageModel.class);
  private static final int MARGIN = 28;

  private final Duration latency;

  /** Creates the painter; each call takes the given simulated time. */
  public OfflineImageModel(Duration latency) {
    this.latency = latency == null ? Duration.ZERO : latency;
  }

  @Override
  public Response<Image> generate(String prompt) {
    OfflineModels.simulateLatency(latency);
    String text = prompt == null ? "" : prompt;
    byte[] png = paint(text);
    Image image =
        Image.builder()
            .base64Data(Base64.getEncoder().encodeToString(png))
            .mimeType("image/png")
            .build();
    return Response.from(image, new TokenUsage(OfflineModels.estimateTokens(text), 0));
  }

  /** Draws the picture of a prompt and returns it as PNG bytes. */
  static byte[] paint(String prompt) {
    Random random = new Random(seed(prompt));
    BufferedImage image = new BufferedImage(SIZE, SIZE, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
      g.setRenderingHint(
          RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
      float hue = random.nextFloat();
      g.setPaint(
          new GradientPaint(
              0,
              0,
              Color.getHSBColor(hue, 0.55f, 0.95f),
              SIZE,
              SIZE,
              Color.getHSBColor((hue + 0.35f) % 1f, 0.75f, 0.45f)));
      g.fillRect(0, 0, SIZE, SIZE);
      drawShapes(g, random, hue);
      drawText(g, prompt);
    } finally {
      g.dispose();
    }
    PictureSubject.draw(image, PictureSubject.of(plainText(prompt)));
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    try {
      ImageIO.write(image, "png", png);
    } catch (IOException e) {
      throw new UncheckedIOException("could not encode the offline image", e);
    }
    return png.toByteArray();
  }

  private static void drawShapes(Graphics2D g, Random random, float hue) {
    for (int i = 0; i < 9; i++) {
      float shapeHue = (hue + 0.1f * random.nextInt(10)) % 1f;
      Color color = Color.getHSBColor(shapeHue, 0.5f + random.nextFloat() * 0.5f, 0.9f);
      g.setComposite(
          AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.35f + random.nextFloat() * 0.4f));
      g.setColor(color);
      double x = random.nextDouble() * SIZE * 0.8;
      double y = random.nextDouble() * SIZE * 0.55;
      double w = 40 + random.nextDouble() * 180;
      double h = 40 + random.nextDouble() * 180;
      switch (random.nextInt(3)) {
        case 0 -> g.fill(new Ellipse2D.Double(x, y, w, h));
        case 1 -> g.fill(new RoundRectangle2D.Double(x, y, w, h, 24, 24));
        default -> {
          Path2D triangle = new Path2D.Double();
          triangle.moveTo(x, y + h);
          triangle.lineTo(x + w / 2, y);
          triangle.lineTo(x + w, y + h);
          triangle.closePath();
          g.setStroke(new BasicStroke(4f));
          g.draw(triangle);
          g.fill(triangle);
        }
      }
    }
    g.setComposite(AlphaComposite.SrcOver);
  }

  /** Writes the prompt on a panel; a host without fonts gets the picture without the text. */
  private static void drawText(Graphics2D g, String prompt) {
    int top = SIZE / 2 + 40;
    g.setComposite(AlphaComposite.getInstance(AlphaComposite.SRC_OVER, 0.82f));
    g.setColor(Color.WHITE);
    g.fill(
        new RoundRectangle2D.Double(
            MARGIN / 2.0, top, SIZE - MARGIN, SIZE - top - MARGIN / 2.0, 18, 18));
    g.setComposite(AlphaComposite.SrcOver);
    try {
      g.setColor(new Color(30, 30, 40));
      g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 15));
      FontMetrics metrics = g.getFontMetrics();
      int lineHeight = metrics.getHeight();
      int y = top + MARGIN / 2 + metrics.getAscent();
      for (String line : wrap(plainText(prompt), metrics, SIZE - 2 * MARGIN)) {
        if (y > SIZE - MARGIN) {
          break;
        }
        g.drawString(line, MARGIN, y);
        y += lineHeight;
      }
    } catch (RuntimeException | InternalError e) {
      log.warn("no fonts available: the offline image carries no text ({})", e.toString());
    }
  }

  private static String plainText(String prompt) {
    StringBuilder text = new StringBuilder();
    for (String line : prompt.split("\\R")) {
      if (!line.startsWith("###") && !line.isBlank() && !line.contains(Briefs.NO_CRITERIA)) {
        text.append(line.strip().replaceFirst("^[-*]\\s*", "")).append(' ');
      }
    }
    return text.toString().strip();
  }

  private static List<String> wrap(String text, FontMetrics metrics, int width) {
    List<String> lines = new ArrayList<>();
    StringBuilder line = new StringBuilder();
    for (String word : text.split("\\s+")) {
      String candidate = line.length() == 0 ? word : line + " " + word;
      if (metrics.stringWidth(candidate) > width && line.length() > 0) {
        lines.add(line.toString());
        line = new StringBuilder(word);
      } else {
        line = new StringBuilder(candidate);
      }
    }
    if (line.length() > 0) {
      lines.add(line.toString());
    }
    return lines;
  }

  private static long seed(String prompt) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(prompt.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(digest).getLong();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("the JDK has no SHA-256", e);
    }
  }
}
