package com.cspflow.benchmark;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Statements the database has run so far, from PostgreSQL's pg_stat_statements in the benchmark's database: unlike
 * throughput and CPU they do not depend on the machine, so they compare builds. Reported only where the extension is
 * loaded ({@code shared_preload_libraries = 'pg_stat_statements'}); the benchmark creates it in its database. The
 * count includes the benchmark's own few polling reads.
 */
record DatabaseStatements(JdbcClient jdbc, long calls) {

  static DatabaseStatements now(JdbcClient jdbc) {
    return new DatabaseStatements(jdbc, calls(jdbc));
  }

  /** Creates the extension in this database if the server loads it; false where it cannot be measured. */
  static boolean enable(JdbcClient jdbc) {
    try {
      jdbc.sql("CREATE EXTENSION IF NOT EXISTS pg_stat_statements").update();
      return calls(jdbc) >= 0;
    } catch (RuntimeException notPostgresOrNotLoaded) {
      return false;
    }
  }

  /** Statements per unit of work since this reading. */
  String perUnitSince(long units, String unit) {
    long now = calls(jdbc);
    return calls < 0 || now < 0 ? "statements not measured (pg_stat_statements not loaded)"
        : String.format("%.1f statements per %s", (now - calls) / (double) units, unit);
  }

  private static long calls(JdbcClient jdbc) {
    try {
      return jdbc.sql("SELECT COALESCE(SUM(calls), 0) FROM pg_stat_statements WHERE dbid = (SELECT oid FROM"
          + " pg_database WHERE datname = current_database())").query(Long.class).single();
    } catch (RuntimeException notAvailable) {
      return -1;
    }
  }
}
