package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.junit.jupiter.api.Test;

class SchemaMigrationRaceTest {

  private static final FlywayException EMPTY_HISTORY = new FlywayException(
      "Unable to baseline schema history table \"public\".\"flyway_schema_history\" as it already exists, and is empty.");

  private final Flyway flyway = mock(Flyway.class);

  @Test
  void aNodeThatFindsTheHistoryTableEmptyMigratesAgain() {
    when(flyway.migrate()).thenThrow(EMPTY_HISTORY).thenReturn(null);

    new SchemaMigrationRace().migrateAfterAnotherNodesStart().migrate(flyway);

    verify(flyway, times(2)).migrate();
  }

  @Test
  void anyOtherFailureStopsTheStartAtOnce() {
    when(flyway.migrate()).thenThrow(new FlywayException("Validate failed: checksum mismatch"));

    assertThatThrownBy(() -> new SchemaMigrationRace().migrateAfterAnotherNodesStart().migrate(flyway))
        .hasMessageContaining("checksum");
    verify(flyway, times(1)).migrate();
  }

  @Test
  void itGivesUpAfterItsAttempts() {
    when(flyway.migrate()).thenThrow(EMPTY_HISTORY);

    assertThatThrownBy(() -> new SchemaMigrationRace().migrateAfterAnotherNodesStart().migrate(flyway))
        .isSameAs(EMPTY_HISTORY);
    verify(flyway, times(SchemaMigrationRace.ATTEMPTS)).migrate();
  }
}
