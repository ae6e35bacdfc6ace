package dev.conveyor.starter.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** How {@code conveyor.codec} binds in the starter. */
class CodecPropertiesTests {

  @Test
  void should_bind_the_ui_origins_and_be_off_without_keys() {
    CodecProperties codec =
        bind(Map.of("conveyor.codec.allowed-origins", "http://localhost:8088,https://ui.example"));

    assertThat(codec.allowedOrigins())
        .containsExactly("http://localhost:8088", "https://ui.example");
    assertThat(codec.codecKeys().enabled()).isFalse();
  }

  @Test
  void should_refuse_a_wildcard_origin() {
    assertThatThrownBy(() -> bind(Map.of("conveyor.codec.allowed-origins", "*")))
        .rootCause()
        .hasMessage("conveyor.codec.allowed-origins must name the Temporal UI's origins, not '*'");
  }

  private static CodecProperties bind(Map<String, String> values) {
    return new Binder(new MapConfigurationPropertySource(values))
        .bindOrCreate("conveyor.codec", CodecProperties.class);
  }
}
