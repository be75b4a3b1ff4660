package com.cspflow.platform;

import org.flywaydb.core.api.FlywayException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.flyway.FlywayMigrationStrategy;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Nodes started together on an empty database: the first creates Flyway's history table and only then takes its lock
 * and fills it. A node that looks in between finds the table empty, and with {@code baseline-on-migrate} Flyway refuses
 * ("Unable to baseline schema history table ... as it already exists, and is empty") and the node fails to start. It
 * tries again a few times, a second apart: by then the first node holds the lock or has migrated, and the second
 * waits for the lock and finds the migrations applied.
 */
@Configuration(proxyBeanMethods = false)
class SchemaMigrationRace {

  private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrationRace.class);
  static final int ATTEMPTS = 5;

  @Bean
  FlywayMigrationStrategy migrateAfterAnotherNodesStart() {
    return flyway -> {
      for (int attempt = 1; ; attempt++) {
        try {
          flyway.migrate();
          return;
        } catch (FlywayException e) {
          if (attempt == ATTEMPTS || e.getMessage() == null || !e.getMessage().contains("already exists, and is empty")) {
            throw e;
          }
          LOG.info("Another node is creating the schema; migrating again in a second ({} of {})", attempt, ATTEMPTS);
          try {
            Thread.sleep(1000);
          } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw e;
          }
        }
      }
    };
  }
}
