package com.cspflow.credentials;

import com.cspflow.activation.M365Service;
import com.cspflow.activation.ServiceRepository;
import com.cspflow.credentials.CredentialsAttempt.Outcome;
import com.cspflow.csp.AdminAccess;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.CustomerUser;
import com.cspflow.onboarding.Organization;
import com.cspflow.onboarding.OrganizationRepository;
import com.cspflow.platform.InputCheck;
import com.cspflow.platform.mail.MailService;
import com.cspflow.platform.mail.SmtpRefusals;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "Request customer admin credentials": the customer's admin password goes to one address, once; every later
 * request gets the admin user name only.
 *
 * <p>Exactly once: {@link #request} runs in the transaction that starts the process. It first locks the
 * organization's m365_service row (SELECT ... FOR UPDATE), so a second request for the same organization waits
 * until the first has committed its claim row, and then finds it. Why not insert the claim and catch the
 * duplicate key: on PostgreSQL a failed statement aborts the whole transaction, and this is the engine's
 * transaction that must still start the process. The lock is held for the rest of a process start only (no
 * remote call happens in that transaction), well within H2's default lock timeout of 2 seconds.
 *
 * <p>Never stored: the password exists only inside {@link #issueFirst}, one job, which generates it, resets
 * it at Microsoft and mails it; it is never a process variable, a column, a log line or an exception message.
 *
 * <p>The issue is spent only by a delivered mail: a mail server that refuses the recipient for good (SMTP 5xx) leaves
 * the claim unsent for the back office to correct the address ({@link #changeRecipient}) or withdraw the request
 * ({@link #withdraw}). Every attempt is recorded in a transaction of its own, so that the record keeps the attempts
 * whose job failed and rolled back.
 *
 * <p>Sent once also when a node dies mid-send: the claim notes, committed just before the mail goes to the mail server,
 * that it was handed over. A run that dies before it records the server's answer leaves that note on an unspent
 * claim, and the job's next run neither resets nor sends: the back office asks the recipient first
 * ({@link #deliveryAnswered}).
 */
@Service
public class AdminCredentialsService {

  private static final Logger LOG = LoggerFactory.getLogger(AdminCredentialsService.class);

  public static final String PROCESS_KEY = "adminCredentials";

  private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm zzz");

  private final CredentialsIssueRepository issues;
  private final ServiceRepository services;
  private final OrganizationRepository organizations;
  private final CspPort csp;
  private final MailService mail;
  private final AdminPasswords passwords;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public AdminCredentialsService(CredentialsIssueRepository issues, ServiceRepository services,
      OrganizationRepository organizations, CspPort csp, MailService mail, AdminPasswords passwords, Clock clock,
      PlatformTransactionManager transactions) {
    this.issues = issues;
    this.services = services;
    this.organizations = organizations;
    this.csp = csp;
    this.mail = mail;
    this.passwords = passwords;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Checks the request (400 naming the field, nothing stored) and decides: the first request claims the
   * issuance for {@code recipientEmail}; any later one, also while the first is still running, gets the
   * user name only.
   */
  @Transactional
  public Decision request(RequestAdminCredentials command, String requestedBy, String processInstanceId) {
    InputCheck input = new InputCheck();
    String id = command.organizationId().trim();
    String email = command.recipientEmail().trim();
    if (requestedBy == null || requestedBy.isBlank()) {
      input.problem("requestedBy", "is required: credentials are issued to a signed-in user's request only");
    }
    Optional<M365Service> service = Optional.empty();
    boolean locked = issues.lockService(id);
    if (organizations.find(id).isEmpty()) {
      input.problem("organizationId", "is not a known organization");
    } else if (!locked) {
      input.problem("organizationId", "has no Microsoft 365 service; add the service first");
    } else {
      service = services.find(id);
      refusal(service.orElseThrow()).ifPresent(reason -> input.problem("organizationId", reason));
    }
    input.throwIfInvalid();
    String adminUserName = service.orElseThrow().adminUserName();
    Optional<CredentialsIssue> earlier = issues.find(id);
    if (earlier.isEmpty()) {
      issues.claim(new CredentialsIssue(id, adminUserName, email, requestedBy, clock.instant(), null,
          processInstanceId, null, null));
    }
    return new Decision(id, email, adminUserName, earlier.isPresent());
  }

  /**
   * Whether the partner may, through GDAP, list the customer's users and reset its administrator's password; asked
   * before anything is reset, so that missing access goes to the back office instead of failing the reset.
   */
  public AdminAccess checkAdminAccess(String organizationId) {
    return csp.adminAccess(services.find(organizationId).orElseThrow().tenantId());
  }

  /**
   * Resets the admin's password and mails it, in one job. A retry (the mail failed after the reset) resets
   * again with a new password and mails that one, so only the last password ever works. Each attempt has
   * its own request id: it is a different password, and Partner Center must not replay an earlier reset.
   *
   * @throws RecipientRefused when the mail server refuses the recipient or the message for good: the issue stays
   *     unspent
   * @throws CredentialsMailNotSent when the mail could not be sent for now: the job retries
   * @throws CredentialsDeliveryUnknown when an earlier run handed the mail over and stopped before the answer: nothing
   *     is reset or sent until the back office has asked the recipient
   */
  public void issueFirst(String organizationId, String processInstanceId) {
    CredentialsIssue claim = issues.find(organizationId).orElseThrow(
        () -> new IllegalStateException("No admin credentials claim for organization " + organizationId));
    if (claim.sent() && claim.processInstanceId().equals(processInstanceId)) {
      LOG.info("Admin credentials of organization {} were sent on {} by an earlier run of this job (its node "
          + "stopped before the job ended); not sent again", organizationId, claim.issuedAt());
      return;
    }
    if (claim.sent()) {
      throw new IllegalStateException("Admin credentials of organization " + organizationId
          + " were already sent on " + claim.issuedAt() + "; they are never sent twice");
    }
    if (claim.deliveryUnknown()) {
      LOG.warn("Admin credentials of organization {}: an earlier run handed the password mail to the mail server on "
          + "{} and stopped before it answered; not reset and sent again until the back office has asked the "
          + "recipient", organizationId, claim.mailHandedOverAt());
      // Recorded on its own: the job's transaction ends at the back office's task, and the note stays for its answer.
      ownTransaction.executeWithoutResult(status -> issues.recordAttempt(organizationId, processInstanceId,
          new CredentialsAttempt(claim.requestedBy(), clock.instant(), claim.issuedTo(), Outcome.DELIVERY_UNKNOWN)));
      throw new CredentialsDeliveryUnknown(claim.issuedTo(), claim.mailHandedOverAt(), clock.getZone());
    }
    M365Service service = services.find(organizationId).orElseThrow();
    CustomerUser admin = csp.users(service.tenantId()).stream()
        .filter(user -> user.userPrincipalName().equalsIgnoreCase(claim.adminUserName())).findFirst()
        .orElseThrow(() -> new IllegalStateException("Tenant " + service.tenantId() + " has no user "
            + claim.adminUserName()));
    char[] password = passwords.generate();
    try {
      csp.resetPassword("admin-credentials-" + organizationId + "-" + UUID.randomUUID(), service.tenantId(),
          admin.id(), password);
      mailPassword(organizationId, processInstanceId, claim, service, password);
    } finally {
      Arrays.fill(password, '\0');
    }
    // Spent the moment the mail server took the mail, not when the job's transaction ends: a node that dies in
    // between leaves the job to another node, which must find the password sent rather than reset and send it again.
    ownTransaction.executeWithoutResult(status -> {
      issues.recordAttempt(organizationId, processInstanceId, new CredentialsAttempt(claim.requestedBy(),
          clock.instant(), claim.issuedTo(), Outcome.SENT));
      issues.markIssued(organizationId, clock.instant());
    });
  }

  private void mailPassword(String organizationId, String processInstanceId, CredentialsIssue claim,
      M365Service service, char[] password) {
    ownTransaction.executeWithoutResult(status -> issues.markMailHandedOver(organizationId, clock.instant()));
    try {
      mail.send(claim.issuedTo(), "Your Microsoft 365 administrator sign-in", """
          Hello,

          here is the sign-in of the administrator of %s's Microsoft 365 (%s):

            User name: %s
            Password:  %s

          Sign in at https://portal.office.com. You will be asked to choose a new password at the first sign-in.

          These credentials are sent once only, to this address: from now on they belong to you, and we keep no
          copy of the password. Later requests get the user name only. Should you get this mail more than once,
          only the password in the latest one works.
          """.formatted(organizationName(organizationId), service.domain(), claim.adminUserName(),
          // The mail body is a String however we hold the password; it lives as long as this call.
          new String(password)));
    } catch (RuntimeException mailFailure) {
      if (SmtpRefusals.tookEveryMessage(mailFailure)) {
        LOG.warn("Admin credentials mail of organization {}: the mail server took it, and then closing the "
            + "connection failed; the mail counts as sent", organizationId);
        return;
      }
      OptionalInt refusedForGood = SmtpRefusals.permanentReplyCode(mailFailure);
      recordFailure(organizationId, processInstanceId, claim,
          refusedForGood.isPresent() ? Outcome.REFUSED_BY_MAIL_SERVER : Outcome.FAILED_TEMPORARILY);
      if (refusedForGood.isPresent()) {
        throw new RecipientRefused(claim.issuedTo(), refusedForGood.getAsInt());
      }
      throw new CredentialsMailNotSent(organizationId, claim.issuedTo(), mailFailure);
    }
  }

  /** The back office's corrected address for a refused mail; the next attempt (a new reset) goes there. */
  @Transactional
  public void changeRecipient(String organizationId, String recipientEmail, String correctedBy) {
    issues.changeRecipient(organizationId, recipientEmail.trim(), correctedBy == null ? "unknown" : correctedBy);
  }

  /** The request is withdrawn: its claim is released, and a later request issues the credentials again. */
  @Transactional
  public void withdraw(String organizationId) {
    issues.release(organizationId);
  }

  public List<CredentialsAttempt> attempts(String organizationId) {
    return issues.attempts(organizationId);
  }

  /**
   * The back office asked the recipient of a mail whose delivery is unknown ({@link CredentialsDeliveryUnknown}):
   * it arrived (the issue is spent, as of when it was handed over) or it did not (the next attempt sends anew).
   */
  @Transactional
  public void deliveryAnswered(String organizationId, String processInstanceId, boolean arrived, String answeredBy) {
    CredentialsIssue claim = issues.find(organizationId).orElseThrow(
        () -> new IllegalStateException("No admin credentials claim for organization " + organizationId));
    if (claim.sent()) {
      // A run still going when another took the job over recorded the server's answer meanwhile: the answer is
      // recorded, and a "not arrived" finds the issue spent and sends nothing (issueFirst).
      LOG.info("Admin credentials of organization {} were recorded as sent on {} before the back office's answer",
          organizationId, claim.issuedAt());
    } else if (arrived) {
      issues.markIssued(organizationId, claim.mailHandedOverAt());
    } else {
      issues.clearMailHandedOver(organizationId);
    }
    issues.recordAttempt(organizationId, processInstanceId, new CredentialsAttempt(
        answeredBy == null ? "unknown" : answeredBy, clock.instant(), claim.issuedTo(),
        arrived ? Outcome.CONFIRMED_ARRIVED : Outcome.NOT_ARRIVED));
  }

  /** A failed attempt: recorded, and the mail no longer counts as handed over (the next attempt may send anew). */
  private void recordFailure(String organizationId, String processInstanceId, CredentialsIssue claim,
      Outcome outcome) {
    ownTransaction.executeWithoutResult(status -> {
      issues.recordAttempt(organizationId, processInstanceId,
          new CredentialsAttempt(claim.requestedBy(), clock.instant(), claim.issuedTo(), outcome));
      issues.clearMailHandedOver(organizationId);
    });
  }

  /** The user name only, with when and to whom the credentials were issued. */
  public void sendUserName(String organizationId, String recipientEmail) {
    CredentialsIssue issue = issues.find(organizationId).orElseThrow();
    String history = issue.sent()
        ? "were issued on %s to %s".formatted(WHEN.format(issue.issuedAt().atZone(clock.getZone())), issue.issuedTo())
        : "were requested on %s for %s and are being sent there".formatted(
            WHEN.format(issue.requestedAt().atZone(clock.getZone())), issue.issuedTo());
    send(organizationId, recipientEmail, "Your Microsoft 365 administrator user name", """
        Hello,

        the administrator of %s's Microsoft 365 signs in with the user name

          %s

        The administrator's credentials %s. They were sent once only and belong to the customer: we keep no
        copy of the password and cannot send it again. Ask the person who received it, or reset it yourself
        with "Forgot password" at https://portal.office.com.
        """.formatted(organizationName(organizationId), issue.adminUserName(), history));
  }

  public Optional<CredentialsIssue> issue(String organizationId) {
    return issues.find(organizationId);
  }

  private void send(String organizationId, String recipient, String subject, String body) {
    try {
      mail.send(recipient, subject, body);
    } catch (RuntimeException failure) {
      throw new CredentialsMailNotSent(organizationId, recipient, failure);
    }
  }

  private String organizationName(String organizationId) {
    return organizations.find(organizationId).map(Organization::name).orElse(organizationId);
  }

  private static Optional<String> refusal(M365Service service) {
    if (service.status() != M365Service.Status.ACTIVE) {
      return Optional.of("has no active Microsoft 365 service (it is " + service.status() + ")");
    }
    if (service.tenantId() == null || service.adminUserName() == null) {
      return Optional.of("has no administrator of ours on record: its tenant was migrated, and its credentials"
          + " are the customer's own");
    }
    return Optional.empty();
  }

  /** What the first step decided; {@code issuedBefore} false means this request issues the password. */
  public record Decision(String organizationId, String recipientEmail, String adminUserName, boolean issuedBefore) {}
}
