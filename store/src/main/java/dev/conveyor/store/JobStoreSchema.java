package dev.conveyor.store;

import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/** Creates and upgrades the job store's tables with the Flyway migrations in the store's jar. */
public final class JobStoreSchema {

  /** Where the migrations are, inside the store's jar. */
  public static final String MIGRATIONS = "classpath:db/migration";

  private JobStoreSchema() {}

  /**
   * Applies the migrations the database has not seen yet. Safe to call from every process at
   * start-up: Flyway takes a lock, so concurrent calls apply each migration once.
   *
   * @return how many migrations were applied
   */
  public static int migrate(DataSource dataSource) {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations(MIGRATIONS)
        .table("job_store_schema_history")
        .load()
        .migrate()
        .migrationsExecuted;
  }
}
