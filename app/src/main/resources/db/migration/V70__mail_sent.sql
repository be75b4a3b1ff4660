-- Notification mails that the mail server has accepted (issue 19): one row per mail, by a key naming its purpose and
-- what it is about (e.g. order-fulfilled:<order id>). Written in its own transaction the moment the server takes the
-- mail, so a job retried or taken over after a crash finds it and does not send the mail a second time. The
-- Message-ID is derived from the key: a re-send in the window before this row commits still reads as one mail.
CREATE TABLE mail_sent (
  mail_key    VARCHAR(150) PRIMARY KEY,
  message_id  VARCHAR(250) NOT NULL,
  recipient   VARCHAR(254) NOT NULL,
  sent_at     TIMESTAMP    NOT NULL
);
