package dev.conveyor.worker.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.conveyor.worker.config.StoreProperties;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Starts the embedded PostgreSQL when {@code conveyor.store.embedded.enabled} is true (the local
 * default) and points the worker's data source at it; otherwise Spring Boot builds the data source
 * from {@code spring.datasource.*}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(
    name = "conveyor.store.embedded.enabled",
    havingValue = "true",
    matchIfMissing = true)
class EmbeddedStoreConfiguration {

  @Bean(destroyMethod = "close")
  EmbeddedPostgresServer embeddedPostgresServer(StoreProperties properties) {
    StoreProperties.Embedded embedded = properties.embedded();
    return EmbeddedPostgresServer.start(
        embedded.host(), embedded.port(), embedded.dataDir(), embedded.database());
  }

  @Bean(destroyMethod = "close")
  HikariDataSource dataSource(EmbeddedPostgresServer server) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(server.jdbcUrl());
    config.setUsername(EmbeddedPostgresServer.USER);
    config.setMaximumPoolSize(10);
    config.setPoolName("conveyor-store");
    return new HikariDataSource(config);
  }
}
