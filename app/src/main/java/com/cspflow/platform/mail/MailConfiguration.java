package com.cspflow.platform.mail;

import java.nio.file.Path;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSender;

/** Without an SMTP server configured (spring.mail.host), mails go to the outbox folder as .eml files. */
@Configuration(proxyBeanMethods = false)
public class MailConfiguration {

  @Bean
  @ConditionalOnExpression("'${spring.mail.host:}'.isEmpty() and !'${cspflow.mail.outbox:}'.isEmpty()")
  JavaMailSender outboxMailSender(@Value("${cspflow.mail.outbox}") Path outbox) {
    return new OutboxMailSender(outbox);
  }
}
