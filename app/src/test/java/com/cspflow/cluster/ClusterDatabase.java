package com.cspflow.cluster;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh, empty database that several node processes share: on the PostgreSQL server of SPRING_DATASOURCE_URL (as
 * CI runs the suite a second time), else an H2 file database in automatic server mode, which lets several processes
 * open it.
 */
record ClusterDatabase(String url, String user, String password) {

  static ClusterDatabase fresh() {
    String configured = System.getenv("SPRING_DATASOURCE_URL");
    String name = "cspflow_cluster_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    if (configured != null && configured.startsWith("jdbc:postgresql:")) {
      String user = System.getenv().getOrDefault("SPRING_DATASOURCE_USERNAME", "postgres");
      String password = System.getenv().getOrDefault("SPRING_DATASOURCE_PASSWORD", "");
      String server = configured.substring(0, configured.lastIndexOf('/') + 1);
      try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
          Statement create = admin.createStatement()) {
        create.execute("CREATE DATABASE " + name);
      } catch (SQLException e) {
        throw new IllegalStateException("Cannot create the cluster test database " + name, e);
      }
      return new ClusterDatabase(server + name, user, password);
    }
    Path file = Path.of("target", "cluster", name).toAbsolutePath();
    // Two nodes starting together wait for each other's schema migration (Flyway's table lock); H2's 2-second lock
    // timeout is shorter than a migration takes on a busy machine, PostgreSQL's wait has no such limit.
    return new ClusterDatabase("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE;LOCK_TIMEOUT=120000", "sa", "");
  }

  Map<String, String> environment() {
    return Map.of("SPRING_DATASOURCE_URL", url, "SPRING_DATASOURCE_USERNAME", user,
        "SPRING_DATASOURCE_PASSWORD", password);
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, user, password);
  }
}
