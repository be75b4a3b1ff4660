package db.migration;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Camunda's own tables, created by the migration step that every node runs under Flyway's lock, not by each node's
 * engine at start-up ({@code schema-update} is off): two nodes starting together on an empty database end with one
 * schema, and a node never changes a schema that other nodes run on. A database whose engine schema exists (made
 * by an earlier cspflow that let the engine create it) is left as it is. Upgrades of Camunda come as migrations of
 * their own that run Camunda's upgrade scripts.
 */
public class V55__Camunda_engine_schema extends BaseJavaMigration {

  /** Camunda's scripts, in the order its own schema creation runs them. */
  private static final List<String> COMPONENTS = List.of("engine", "history", "identity", "case.engine",
      "case.history", "decision.engine", "decision.history");

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    if (engineSchemaExists(connection)) {
      return;
    }
    String database = databaseType(connection);
    for (String component : COMPONENTS) {
      ScriptUtils.executeSqlScript(connection, new ClassPathResource(
          "org/camunda/bpm/engine/db/create/activiti." + database + ".create." + component + ".sql"));
    }
  }

  private static boolean engineSchemaExists(Connection connection) throws SQLException {
    DatabaseMetaData metadata = connection.getMetaData();
    for (String name : List.of("ACT_GE_PROPERTY", "act_ge_property")) {
      try (ResultSet tables = metadata.getTables(connection.getCatalog(), null, name, new String[] {"TABLE"})) {
        if (tables.next()) {
          return true;
        }
      }
    }
    return false;
  }

  private static String databaseType(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    if (product.contains("postgres")) {
      return "postgres";
    }
    if (product.contains("h2")) {
      return "h2";
    }
    throw new IllegalStateException("cspflow runs on PostgreSQL or H2, not on " + product);
  }
}
