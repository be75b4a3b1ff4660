package com.cspflow.platform.mail;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Table mail_sent: the notification mails the mail server has accepted, by key. */
@Repository
public class SentMailRepository {

  private final JdbcClient jdbc;

  public SentMailRepository(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  /** When the mail with this key was accepted by the mail server, if it was. */
  public Optional<Instant> sentAt(String mailKey) {
    return jdbc.sql("SELECT sent_at FROM mail_sent WHERE mail_key = :key").param("key", mailKey)
        .query(Timestamp.class).optional().map(Timestamp::toInstant);
  }

  /** Records the mail as sent; a second record of the same mail (two runs of one job at once) changes nothing. */
  public void recordSent(String mailKey, String messageId, String recipient, Instant sentAt) {
    try {
      jdbc.sql("INSERT INTO mail_sent (mail_key, message_id, recipient, sent_at) VALUES (:key, :messageId, "
              + ":recipient, :sentAt)")
          .param("key", mailKey).param("messageId", messageId).param("recipient", recipient)
          .param("sentAt", Timestamp.from(sentAt)).update();
    } catch (DuplicateKeyException alreadyRecorded) {
      // the other run's record says the same
    }
  }
}
