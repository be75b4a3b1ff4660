package com.cspflow.platform.mail;

import jakarta.mail.MessagingException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.springframework.mail.MailSendException;

/**
 * Tells a mail server's refusal for good from a failure worth retrying, by SMTP's reply codes (RFC 5321): a 5xx
 * answer to a recipient (e.g. 550 unknown user) or to the message is permanent, and sending the same mail again
 * will not help; a 4xx answer, or no answer at all (no connection, timeout), is temporary.
 */
public final class SmtpRefusals {

  private SmtpRefusals() {}

  /**
   * Whether {@code failure} came after the mail server took every message: Spring's sender reports a failure to close
   * the connection once all messages were sent as a {@link MailSendException} without per-message failures (every
   * failure to connect or to send lists the messages it failed). The mail was delivered to the server.
   */
  public static boolean tookEveryMessage(Throwable failure) {
    return failure instanceof MailSendException send && send.getFailedMessages().isEmpty();
  }

  /**
   * The 5xx reply code somewhere in {@code failure} (Spring's per-message failures, Jakarta Mail's chained
   * exceptions and causes included); empty when the server did not refuse for good.
   */
  public static OptionalInt permanentReplyCode(Throwable failure) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    Deque<Throwable> open = new ArrayDeque<>();
    open.add(failure);
    while (!open.isEmpty()) {
      Throwable next = open.poll();
      if (next == null || seen.put(next, true) != null) {
        continue;
      }
      int code = next instanceof SMTPAddressFailedException address ? address.getReturnCode()
          : next instanceof SMTPSendFailedException send ? send.getReturnCode() : 0;
      if (code >= 500 && code < 600) {
        return OptionalInt.of(code);
      }
      if (next instanceof MailSendException send) {
        open.addAll(List.of(send.getMessageExceptions()));
      }
      if (next instanceof MessagingException messaging && messaging.getNextException() != null) {
        open.add(messaging.getNextException());
      }
      if (next.getCause() != null) {
        open.add(next.getCause());
      }
    }
    return OptionalInt.empty();
  }
}
