package com.cspflow.credentials;

import java.util.ArrayList;
import java.util.List;
import org.springframework.mail.MailSendException;

/**
 * A credentials mail could not be sent. Deliberately without the mail library's exception as cause and
 * without its messages: a message or a mail server's answer may quote the mail, and whatever a job's
 * exception carries ends up in the incident message and in the stack trace Camunda stores. Only the types in
 * the failure's cause chain are kept (e.g. MailSendException < MessagingException < ConnectException), which
 * is enough to tell an unreachable server from a refused message.
 */
public class CredentialsMailNotSent extends RuntimeException {

  public CredentialsMailNotSent(String organizationId, String recipient, Throwable failure) {
    super("The admin credentials mail for organization " + organizationId + " could not be sent to " + recipient
        + " (" + causeTypes(failure) + ")");
  }

  private static String causeTypes(Throwable failure) {
    List<String> types = new ArrayList<>();
    for (Throwable t = failure; t != null && types.size() < 5; t = t.getCause()) {
      types.add(t.getClass().getSimpleName());
      // Spring's sender keeps the per-message failures beside the exception, not as its cause.
      if (t instanceof MailSendException send && send.getMessageExceptions().length > 0) {
        t = send.getMessageExceptions()[0];
        types.add(t.getClass().getSimpleName());
      }
    }
    return String.join(" < ", types);
  }
}
