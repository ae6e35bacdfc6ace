package dev.conveyor.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The routing profiles in the {@code routing_profiles} table. */
public final class JdbcRoutingProfiles implements RoutingProfiles {

  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;
  private final ObjectMapper json = StoreJson.mapper();

  /** Creates the table's reader and writer on a database the {@link JobStoreSchema} migrated. */
  public JdbcRoutingProfiles(DataSource dataSource) {
    this.jdbc = JdbcClient.create(dataSource);
    this.transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
  }

  @Override
  public void record(Map<String, Map<String, String>> models, Instant at) {
    transactions.executeWithoutResult(
        tx -> {
          jdbc.sql("DELETE FROM routing_profiles").update();
          models.forEach(
              (name, steps) ->
                  jdbc.sql(
                          "INSERT INTO routing_profiles (name, models, recorded_at)"
                              + " VALUES (:name, CAST(:models AS jsonb), :at)")
                      .param("name", name)
                      .param("models", toJson(steps))
                      .param("at", SqlValues.timestamp(at))
                      .update());
        });
  }

  @Override
  public SortedSet<String> names() {
    return new TreeSet<>(jdbc.sql("SELECT name FROM routing_profiles").query(String.class).list());
  }

  private String toJson(Map<String, String> steps) {
    try {
      return json.writeValueAsString(steps);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot write the profile's models as JSON", e);
    }
  }
}
