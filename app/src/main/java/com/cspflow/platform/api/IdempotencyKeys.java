package com.cspflow.platform.api;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Repository;
import com.cspflow.platform.security.ApiSettings;

/** The first answers to Idempotency-Keys, per caller, kept for {@code cspflow.api.idempotency-key-lifetime}. */
@Repository
class IdempotencyKeys {

  private static final Logger LOG = LoggerFactory.getLogger(IdempotencyKeys.class);

  record Answer(String fingerprint, Integer status, String contentType, String location, String body) {
    boolean complete() {
      return status != null;
    }
  }

  private final JdbcClient jdbc;
  private final ApiSettings settings;
  private final Clock clock;

  IdempotencyKeys(JdbcClient jdbc, ApiSettings settings, Clock clock) {
    this.jdbc = jdbc;
    this.settings = settings;
    this.clock = clock;
  }

  /** Claims the key for this request; a second claim of the same key fails on the primary key. */
  void claim(String caller, String key, String fingerprint) {
    jdbc.sql("""
        INSERT INTO idempotency_key (caller, idempotency_key, fingerprint, created_at)
        VALUES (:caller, :key, :fingerprint, :now)""")
        .param("caller", caller).param("key", key).param("fingerprint", fingerprint)
        .param("now", Timestamp.from(clock.instant())).update();
  }

  void answer(String caller, String key, int status, String contentType, String location, String body) {
    jdbc.sql("""
        UPDATE idempotency_key SET http_status = :status, content_type = :contentType, location = :location,
          body = :body WHERE caller = :caller AND idempotency_key = :key""")
        .param("status", status).param("contentType", contentType).param("location", location).param("body", body)
        .param("caller", caller).param("key", key).update();
  }

  Optional<Answer> find(String caller, String key) {
    return jdbc.sql("""
        SELECT fingerprint, http_status, content_type, location, body FROM idempotency_key
        WHERE caller = :caller AND idempotency_key = :key""")
        .param("caller", caller).param("key", key)
        .query((rs, row) -> new Answer(rs.getString("fingerprint"), (Integer) rs.getObject("http_status"),
            rs.getString("content_type"), rs.getString("location"), rs.getString("body")))
        .optional();
  }

  @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
  void forgetExpired() {
    Instant before = clock.instant().minus(settings.idempotencyKeyLifetime());
    int forgotten = jdbc.sql("DELETE FROM idempotency_key WHERE created_at < :before")
        .param("before", Timestamp.from(before)).update();
    if (forgotten > 0) {
      LOG.info("Forgot {} Idempotency-Keys older than {}", forgotten, settings.idempotencyKeyLifetime());
    }
  }
}
