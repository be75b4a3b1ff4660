package com.cspflow.platform.mail;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A notification (order fulfilled, quantity changed, invitation) sent once by the job that runs its step in a
 * process: a job retried or taken over after a crash finds the mail already sent and does not send it again.
 *
 * <p>The mark is written in its own transaction the moment the mail server has accepted the mail, so a later rollback
 * of the job (a failure after the mail, a node killed before the job's commit) does not forget it. Only a node that
 * dies between the server's acceptance and that commit can send a mail twice; both copies carry the same Message-ID,
 * derived from the key, so mail programs show it once.
 */
@Service
public class NotificationMail {

  private static final Logger LOG = LoggerFactory.getLogger(NotificationMail.class);

  private final MailService mail;
  private final SentMailRepository sent;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public NotificationMail(MailService mail, SentMailRepository sent, Clock clock,
      PlatformTransactionManager transactions) {
    this.mail = mail;
    this.sent = sent;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Sends the mail unless the mail with this key was sent before. {@code purpose} and {@code about} (e.g.
   * {@code order-fulfilled} and the order id) name the mail for good: the same pair is the same mail. A mail the
   * server does not take fails with a message for whoever finds the incident.
   */
  public void sendOnce(String purpose, String about, String to, String subject, String body) {
    String key = purpose + ":" + about;
    Optional<Instant> sentAt = sent.sentAt(key);
    if (sentAt.isPresent()) {
      LOG.info("Mail {} was sent on {} by an earlier run of this job; not sent again", key, sentAt.get());
      return;
    }
    String messageId = messageId(purpose, about);
    try {
      mail.send(to, subject, body, messageId);
    } catch (MailException e) {
      throw new MailNotSent(describe(e, subject, to), e);
    }
    ownTransaction.executeWithoutResult(status -> sent.recordSent(key, messageId, to, clock.instant()));
  }

  /** The mail's Message-ID (RFC 5322), the same for every attempt to send it. */
  static String messageId(String purpose, String about) {
    return "<" + (purpose + "." + about).replaceAll("[^A-Za-z0-9.-]", "-") + "@cspflow>";
  }

  /** What happened and what to do, without the mail server's answer (it may quote the mail). */
  private static String describe(MailException failure, String subject, String to) {
    OptionalInt refused = SmtpRefusals.permanentReplyCode(failure);
    return refused.isPresent()
        ? "Mail '" + subject + "' to " + to + " was refused for good by the mail server (SMTP " + refused.getAsInt()
            + "): correct the address, then retry this job; the mail is sent once"
        : "Mail '" + subject + "' to " + to + " could not be sent (" + failure.getClass().getSimpleName()
            + "): once the mail server (spring.mail.host) is reachable, retry this job; the mail is sent once";
  }

  /** A notification the mail server did not take; the job fails, is retried, and then is an incident. */
  public static class MailNotSent extends RuntimeException {
    public MailNotSent(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
