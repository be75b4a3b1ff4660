package com.cspflow.credentials;

import java.time.Instant;

/** One attempt to mail the admin credentials: who asked, when it was tried, to whom, and what came of it. */
public record CredentialsAttempt(String requestedBy, Instant attemptedAt, String recipient, Outcome outcome) {

  public enum Outcome {
    /** The mail server took the mail: the one-time issue is spent. */
    SENT,
    /** The mail server refused it for good (SMTP 5xx, e.g. an unknown recipient): the issue is not spent. */
    REFUSED_BY_MAIL_SERVER,
    /** No mail server answer, or a temporary refusal (4xx): the job retries with a new password. */
    FAILED_TEMPORARILY,
    /**
     * The run that handed the mail to the mail server stopped (its node died) before it heard back: the password may
     * have arrived. Nothing is reset or sent again until the back office has asked the recipient.
     */
    DELIVERY_UNKNOWN,
    /** The recipient confirmed to the back office that the mail of an unknown delivery arrived: the issue is spent. */
    CONFIRMED_ARRIVED,
    /** The recipient told the back office that the mail of an unknown delivery never arrived: it is sent again. */
    NOT_ARRIVED
  }
}
