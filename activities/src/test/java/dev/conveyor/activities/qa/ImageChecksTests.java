package dev.conveyor.activities.qa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.conveyor.workflow.model.QaVerdict;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageChecksTests {

  private final ImageChecks checks = new ImageChecks();

  @Test
  void should_pass_a_picture_with_content() throws IOException {
    QaVerdict verdict = checks.check(png(picture(256, 256), "png"));

    assertThat(verdict.passed()).as(verdict.issues().toString()).isTrue();
    assertThat(verdict.score()).isEqualTo(1.0);
  }

  @Test
  void should_pass_a_jpeg_too() throws IOException {
    assertThat(checks.check(png(picture(200, 120), "jpg")).passed()).isTrue();
  }

  @Test
  void should_fail_a_blank_image() throws IOException {
    BufferedImage blank = new BufferedImage(256, 256, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = blank.createGraphics();
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, 256, 256);
    g.dispose();

    QaVerdict verdict = checks.check(png(blank, "png"));

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.issues()).singleElement().asString().startsWith("blank");
  }

  @Test
  void should_fail_a_tiny_image() throws IOException {
    QaVerdict verdict = checks.check(png(picture(32, 32), "png"));

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.issues()).singleElement().asString().startsWith("too small: 32x32");
  }

  @Test
  void should_fail_bytes_that_are_not_an_image() {
    QaVerdict verdict = checks.check("PNG r0a1".getBytes(StandardCharsets.UTF_8));

    assertThat(verdict.passed()).isFalse();
    assertThat(verdict.issues()).containsExactly("not a decodable image");
  }

  static BufferedImage picture(int width, int height) {
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
    Random random = new Random(7);
    Graphics2D g = image.createGraphics();
    for (int i = 0; i < 40; i++) {
      g.setColor(new Color(random.nextInt(0xFFFFFF)));
      g.fillOval(random.nextInt(width), random.nextInt(height), width / 3, height / 3);
    }
    g.dispose();
    return image;
  }

  static byte[] png(BufferedImage image, String format) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, format, out);
    return out.toByteArray();
  }
}
