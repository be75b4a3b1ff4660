package db.migration;

import java.sql.Connection;
import java.util.Locale;
import org.flywaydb.core.api.migration.BaseJavaMigration;
import org.flywaydb.core.api.migration.Context;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

/**
 * Spring Session's tables (its own scripts, one per database): the webapps' sign-in lives in the database, so a
 * request that lands on another node behind the load balancer is still signed in.
 */
public class V57__Webapp_sessions extends BaseJavaMigration {

  @Override
  public void migrate(Context context) throws Exception {
    Connection connection = context.getConnection();
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    String script = product.contains("postgres") ? "postgresql" : product.contains("h2") ? "h2" : null;
    if (script == null) {
      throw new IllegalStateException("cspflow runs on PostgreSQL or H2, not on " + product);
    }
    ScriptUtils.executeSqlScript(connection,
        new ClassPathResource("org/springframework/session/jdbc/schema-" + script + ".sql"));
  }
}
