package com.cspflow.csp.consent;

import com.cspflow.platform.TextColumns;
import com.cspflow.platform.secrets.SecretBox;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The Partner Center consent as the database keeps it (table csp_consent): the Secure Application Model's refresh
 * token, encrypted ({@link SecretBox}), which Microsoft replaces at every use and lets expire after
 * {@code cspflow.csp.consent-max-inactive} (90 days) unused.
 *
 * <p>Rotation is atomic across nodes: {@link #redeem} locks the row (SELECT ... FOR UPDATE), redeems the token it
 * holds and stores the rotated one before the lock is released, in a transaction of its own, so that a job that
 * fails afterwards cannot roll the new token back. A node that comes second waits for the lock and then reads the
 * token the first one stored. Microsoft answering "already used" (AADSTS70000) is taken as a refusal only after the
 * row was read again and still holds the token that was refused.
 *
 * <p>The token never leaves this class but as the argument of the exchange that redeems it: not in a log line, an
 * exception, a state or an answer.
 */
@Component
public class ConsentStore {

  /** Who "gave" the consent that the configured refresh token seeded. */
  public static final String CONFIGURATION = "configuration (cspflow.csp.refresh-token)";

  private static final String ID = "partner-center";
  private static final int ALREADY_USED = 70000;
  private static final Logger LOG = LoggerFactory.getLogger(ConsentStore.class);

  /** Redeems one refresh token at Microsoft: its answer, or the refusal of that token. */
  @FunctionalInterface
  public interface Exchange<T> {
    Redemption<T> redeem(String refreshToken);
  }

  /** What Microsoft answered to a refresh token. */
  public sealed interface Redemption<T> {}

  /** An access token (in {@code value}) and the refresh token to keep instead of the one redeemed. */
  public record Redeemed<T>(T value, String nextRefreshToken) implements Redemption<T> {}

  /** Microsoft refuses this consent: invalid or used (70000), expired unused (700082), revoked (50173), no MFA. */
  public record Refused<T>(int code, String reason) implements Redemption<T> {}

  private record Row(String encryptedToken, int version, Instant givenAt, String givenBy, Instant lastUsedAt,
      Instant refusedAt, Integer refusalCode, String refusal) {}

  private final JdbcClient jdbc;
  private final SecretBox secrets;
  private final TransactionTemplate ownTransaction;
  private final Clock clock;
  private final Duration maxInactive;

  public ConsentStore(JdbcClient jdbc, SecretBox secrets, PlatformTransactionManager transactions, Clock clock,
      @Value("${cspflow.csp.consent-max-inactive:P90D}") Duration maxInactive) {
    this.jdbc = jdbc;
    this.secrets = secrets;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.clock = clock;
    this.maxInactive = maxInactive;
  }

  public Optional<ConsentState> state() {
    return read(false).map(this::state);
  }

  /** The current consent's version, its row locked until the caller's transaction ends; empty without one. */
  public Optional<Integer> lockedVersion() {
    return read(true).map(Row::version);
  }

  /** Stores {@code refreshToken} unless a consent is stored already; false when one was (also by another node). */
  public boolean seedIfEmpty(String refreshToken) {
    if (refreshToken == null || refreshToken.isBlank() || read(false).isPresent()) {
      return false;
    }
    try {
      ownTransaction.executeWithoutResult(status -> insert(refreshToken.trim(), 1, CONFIGURATION));
      LOG.info("Partner Center consent seeded from the configuration");
      return true;
    } catch (DuplicateKeyException anotherNodeWasFirst) {
      return false;
    }
  }

  /** A person's new consent replaces the stored one, refused or not; a refusal on record is forgotten. */
  public ConsentState store(String refreshToken, String givenBy) {
    ownTransaction.executeWithoutResult(status -> {
      Optional<Row> current = read(true);
      if (current.isEmpty()) {
        insert(refreshToken.trim(), 1, givenBy);
      } else {
        jdbc.sql("""
            UPDATE csp_consent SET refresh_token_encrypted = :token, version = :version, given_at = :now,
              given_by = :by, last_used_at = NULL, refused_at = NULL, refusal_code = NULL, refusal = NULL
            WHERE id = :id""")
            .param("token", secrets.encrypt(refreshToken.trim())).param("version", current.get().version() + 1)
            .param("now", Timestamp.from(clock.instant())).param("by", givenBy).param("id", ID).update();
      }
    });
    ConsentState stored = state().orElseThrow();
    LOG.info("Partner Center consent {} stored by {}", stored.version(), givenBy);
    return stored;
  }

  /**
   * Redeems the stored refresh token with {@code exchange} under the row's lock and keeps the rotated one.
   *
   * @throws ConsentUnavailable when no consent is stored, or Microsoft refused it now or earlier (then the token
   *     endpoint is not asked at all)
   */
  public <T> T redeem(Exchange<T> exchange) {
    Outcome<T> outcome = ownTransaction.execute(status -> redeemLocked(exchange));
    if (outcome.value() != null) {
      return outcome.value();
    }
    throw outcome.refused() == null ? ConsentUnavailable.missing() : ConsentUnavailable.refused(outcome.refused());
  }

  private record Outcome<T>(T value, ConsentState refused) {}

  private <T> Outcome<T> redeemLocked(Exchange<T> exchange) {
    Optional<Row> locked = read(true);
    if (locked.isEmpty()) {
      return new Outcome<>(null, null);
    }
    if (locked.get().refusedAt() != null) {
      return new Outcome<>(null, state(locked.get()));
    }
    String token = secrets.decrypt(locked.get().encryptedToken());
    Redemption<T> answer = exchange.redeem(token);
    if (answer instanceof Refused<T> used && used.code() == ALREADY_USED) {
      String stored = secrets.decrypt(read(true).orElseThrow().encryptedToken());
      if (!stored.equals(token)) {
        answer = exchange.redeem(stored);
      }
    }
    if (answer instanceof Redeemed<T> redeemed) {
      String next = redeemed.nextRefreshToken() == null || redeemed.nextRefreshToken().isBlank()
          ? token : redeemed.nextRefreshToken();
      jdbc.sql("UPDATE csp_consent SET refresh_token_encrypted = :token, last_used_at = :now WHERE id = :id")
          .param("token", secrets.encrypt(next)).param("now", Timestamp.from(clock.instant())).param("id", ID)
          .update();
      return new Outcome<>(redeemed.value(), null);
    }
    Refused<T> refused = (Refused<T>) answer;
    jdbc.sql("UPDATE csp_consent SET refused_at = :now, refusal_code = :code, refusal = :reason WHERE id = :id")
        .param("now", Timestamp.from(clock.instant())).param("code", refused.code())
        .param("reason", TextColumns.fitted(refused.reason(), 1000)).param("id", ID).update();
    LOG.warn("Microsoft refused the Partner Center consent: AADSTS{}", refused.code());
    return new Outcome<>(null, state(read(false).orElseThrow()));
  }

  private void insert(String refreshToken, int version, String givenBy) {
    jdbc.sql("""
        INSERT INTO csp_consent (id, refresh_token_encrypted, version, given_at, given_by)
        VALUES (:id, :token, :version, :now, :by)""")
        .param("id", ID).param("token", secrets.encrypt(refreshToken)).param("version", version)
        .param("now", Timestamp.from(clock.instant())).param("by", givenBy).update();
  }

  private Optional<Row> read(boolean forUpdate) {
    return jdbc.sql("SELECT * FROM csp_consent WHERE id = :id" + (forUpdate ? " FOR UPDATE" : ""))
        .param("id", ID).query(ConsentStore::row).optional();
  }

  private ConsentState state(Row row) {
    Instant lastUse = row.lastUsedAt() == null ? row.givenAt() : row.lastUsedAt();
    return new ConsentState(row.version(), row.givenAt(), row.givenBy(), row.lastUsedAt(), lastUse.plus(maxInactive),
        row.refusedAt(), row.refusalCode(), row.refusal());
  }

  private static Row row(ResultSet rs, int number) throws SQLException {
    return new Row(rs.getString("refresh_token_encrypted"), rs.getInt("version"), instant(rs, "given_at"),
        rs.getString("given_by"), instant(rs, "last_used_at"), instant(rs, "refused_at"),
        rs.getObject("refusal_code", Integer.class), rs.getString("refusal"));
  }

  private static Instant instant(ResultSet rs, String column) throws SQLException {
    Timestamp value = rs.getTimestamp(column);
    return value == null ? null : value.toInstant();
  }
}
