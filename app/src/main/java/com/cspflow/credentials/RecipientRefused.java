package com.cspflow.credentials;

/**
 * The mail server refused the credentials mail for good (an SMTP 5xx reply, e.g. 550 for an unknown recipient):
 * sending it again will not help, so the issue is not spent and the back office corrects the address or withdraws
 * the request. The message names the address and the reply code only, never the server's text, which may quote
 * the mail.
 */
public class RecipientRefused extends RuntimeException {

  public static final String BPMN_ERROR = "RECIPIENT_REFUSED";

  public RecipientRefused(String recipient, int replyCode) {
    super("The mail server refused the admin credentials mail to " + recipient + " for good (SMTP " + replyCode
        + "): correct the address to send them again, or withdraw the request");
  }
}
