package com.cspflow.platform.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The embedded default's mail server: every message becomes an {@code .eml} file in the outbox folder,
 * which any mail program opens. The log names the file, never the content (mails may carry a password).
 */
public class OutboxMailSender extends JavaMailSenderImpl {

  private static final Logger LOG = LoggerFactory.getLogger(OutboxMailSender.class);
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

  private final Path outbox;

  public OutboxMailSender(Path outbox) {
    this.outbox = outbox;
  }

  @Override
  protected void doSend(MimeMessage[] messages, Object[] originals) {
    for (MimeMessage message : messages) {
      Path file = outbox.resolve(STAMP.format(LocalDateTime.now()) + "-" + UUID.randomUUID() + ".eml");
      try {
        Files.createDirectories(outbox);
        if (message.getSentDate() == null) {
          message.setSentDate(new java.util.Date());
        }
        String messageId = message.getMessageID();
        message.saveChanges();
        if (messageId != null) {
          message.setHeader("Message-ID", messageId);
        }
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file))) {
          message.writeTo(out);
        }
      } catch (MessagingException e) {
        throw new MailPreparationException("Cannot write mail to the outbox", e);
      } catch (IOException e) {
        throw new MailSendException("Cannot write mail to " + file, e);
      }
      LOG.info("Mail written to {}", file);
    }
  }
}
