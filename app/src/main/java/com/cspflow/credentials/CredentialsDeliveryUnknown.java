package com.cspflow.credentials;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;

/**
 * An earlier run of the reset job handed the password mail to the mail server and stopped (its node died) before it
 * heard whether the server took it. The password in that mail may have reached the customer, who may even have
 * signed in with it: resetting and sending again could lock them out, and would break "sent once". So the back office
 * asks the recipient, and says whether it arrived (the issue is spent) or not (a new password is sent).
 */
public class CredentialsDeliveryUnknown extends RuntimeException {

  public static final String BPMN_ERROR = "DELIVERY_UNKNOWN";

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss zzz");

  public CredentialsDeliveryUnknown(String recipient, Instant handedOverAt, ZoneId zone) {
    super("The mail with the administrator's password was handed to the mail server for " + recipient + " at "
        + WHEN.format(handedOverAt.atZone(zone)) + ", and the node sending it stopped before the server answered: it"
        + " may have arrived. Ask the recipient whether a mail \"Your Microsoft 365 administrator sign-in\" arrived"
        + " then. If it did, the credentials are sent; if not, a new password is set and sent.");
  }
}
