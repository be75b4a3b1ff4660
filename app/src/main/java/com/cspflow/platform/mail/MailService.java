package com.cspflow.platform.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;

/** Plain-text mail to customers and partners; logs who got which subject, never the body. */
@Service
public class MailService {

  private static final Logger LOG = LoggerFactory.getLogger(MailService.class);

  private final JavaMailSender sender;
  private final String from;

  public MailService(JavaMailSender sender, @Value("${cspflow.mail.from:cspflow@localhost}") String from) {
    this.sender = sender;
    this.from = from;
  }

  public void send(String to, String subject, String body) {
    send(to, subject, body, null);
  }

  /** With {@code messageId} (e.g. {@code <x@cspflow>}) as the Message-ID, when not null, instead of a random one. */
  public void send(String to, String subject, String body, String messageId) {
    MimeMessage message = sender.createMimeMessage();
    try {
      MimeMessageHelper helper = new MimeMessageHelper(message, "UTF-8");
      helper.setFrom(from);
      helper.setTo(to);
      helper.setSubject(subject);
      helper.setText(body);
      if (messageId != null) {
        message.setHeader("Message-ID", messageId);
      }
    } catch (MessagingException e) {
      throw new MailPreparationException("Cannot prepare mail '" + subject + "'", e);
    }
    sender.send(message);
    LOG.info("Mail '{}' sent to {}", subject, to);
  }
}
