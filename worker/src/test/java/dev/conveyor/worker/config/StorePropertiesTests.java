package dev.conveyor.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The job store's settings: the local defaults and the values refused at start-up. */
class StorePropertiesTests {

  @Test
  void should_embed_postgresql_on_loopback_port_5433_with_data_under_the_data_folder() {
    StoreProperties.Embedded embedded = new StoreProperties(null).embedded();

    assertThat(embedded.enabled()).isTrue();
    assertThat(embedded.host()).isEqualTo("127.0.0.1");
    assertThat(embedded.port()).isEqualTo(5433);
    assertThat(embedded.dataDir()).isEqualTo(Path.of("data", "postgres"));
    assertThat(embedded.database()).isEqualTo("conveyor");
  }

  @Test
  void should_refuse_a_port_out_of_range_and_a_database_name_that_is_not_an_identifier() {
    assertThatThrownBy(() -> new StoreProperties.Embedded(true, null, 70000, null, null))
        .hasMessage("conveyor.store.embedded.port must be from 0 to 65535, was 70000");
    assertThatThrownBy(() -> new StoreProperties.Embedded(true, null, null, null, "jobs; drop"))
        .hasMessageStartingWith("conveyor.store.embedded.database must be a lower-case identifier");
  }
}
