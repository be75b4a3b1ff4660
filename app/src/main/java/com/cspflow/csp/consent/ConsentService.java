package com.cspflow.csp.consent;

import com.cspflow.csp.CspRetry;
import com.cspflow.csp.CspTechnicalException;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.platform.OutsideServiceUnavailable;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The Partner Center consent as operators see and renew it: the configured refresh token seeds an empty store at
 * start; an administrator stores a new consent ({@link #renew}), which retries every incident a missing or refused
 * consent caused; and each stored consent has an instance of the process "Partner Center consent"
 * ({@value #PROCESS_KEY}) whose variables show in Cockpit when it was given and when it expires if unused, and which
 * becomes an incident while Microsoft refuses it. The model reads {@code ${cspConsent.checkInterval}}.
 */
@Service("cspConsent")
public class ConsentService {

  public static final String PROCESS_KEY = "partnerCenterConsent";
  static final String STORED_MESSAGE = "ConsentStored";
  static final String VERSION = "consentVersion";

  private static final Logger LOG = LoggerFactory.getLogger(ConsentService.class);
  private static final Pattern RETRIES = Pattern.compile("^R(\\d+)/");

  private final ConsentStore store;
  private final ConsentCheck microsoft;
  private final RuntimeService runtimeService;
  private final ManagementService managementService;
  private final CspRetry retry;
  private final ApplicationEventPublisher events;
  private final String checkInterval;
  private final String configuredRefreshToken;

  public ConsentService(ConsentStore store, ConsentCheck microsoft, RuntimeService runtimeService,
      ManagementService managementService, CspRetry retry, ApplicationEventPublisher events,
      @Value("${cspflow.csp.consent-check-interval:PT10M}") Duration checkInterval,
      @Value("${cspflow.csp.refresh-token:}") String configuredRefreshToken) {
    this.store = store;
    this.microsoft = microsoft;
    this.runtimeService = runtimeService;
    this.managementService = managementService;
    this.retry = retry;
    this.events = events;
    this.checkInterval = checkInterval.toString();
    this.configuredRefreshToken = configuredRefreshToken;
  }

  /** An ISO 8601 duration: how often the consent's process reads its state. */
  public String getCheckInterval() {
    return checkInterval;
  }

  public Optional<ConsentState> state() {
    return store.state();
  }

  /**
   * The configured token is only the first consent: once one is stored, the store's rotated token is used. Seeded
   * before the start-up tasks ({@code StartupTasks}, order 0), whose first catalog load reads Microsoft's price sheet
   * as the partner user.
   */
  @EventListener(ApplicationReadyEvent.class)
  @Order(-1)
  @Transactional
  public void seed() {
    store.seedIfEmpty(configuredRefreshToken);
  }

  @EventListener(ApplicationReadyEvent.class)
  @Transactional
  public void watch() {
    watchCurrent();
  }

  /**
   * A person's new consent replaces the stored one, gets its process instance, and every job a missing or refused
   * consent had stopped is retried; this node forgets the access tokens of the old one. The token is neither logged
   * nor returned.
   */
  @Transactional
  public ConsentState renew(String refreshToken, String givenBy) {
    ConsentStore.Redemption<Void> trial;
    try {
      trial = microsoft.tryOut(refreshToken.trim());
    } catch (CspTechnicalException unreachable) {
      throw new OutsideServiceUnavailable("Microsoft's sign-in could not be reached; nothing was stored. Try again "
          + "later.", unreachable);
    }
    if (trial instanceof ConsentStore.Refused<Void> refused) {
      throw new InvalidProcessInput(Map.of("refreshToken", "was refused by Microsoft (AADSTS" + refused.code()
          + "): sign in again, with multi-factor authentication, for a new consent; nothing was stored"));
    }
    ConsentState stored = store.store(((ConsentStore.Redeemed<Void>) trial).nextRefreshToken(), givenBy);
    events.publishEvent(new ConsentRenewed(stored.version()));
    watchCurrent();
    retryWaitingJobs();
    return stored;
  }

  /**
   * For the consent's process: the state of consent {@code version}, empty once a newer consent replaced it.
   *
   * @throws ConsentUnavailable while Microsoft refuses it: the process's job fails and becomes an incident
   */
  public Optional<ConsentState> watch(int version) {
    ConsentState state = store.state().orElseThrow(ConsentUnavailable::missing);
    if (state.version() != version) {
      return Optional.empty();
    }
    if (state.refused()) {
      throw ConsentUnavailable.refused(state);
    }
    return Optional.of(state);
  }

  /**
   * Starts the process instance of the current consent unless it runs. The consent's row is locked until the
   * caller's transaction ends, so that two nodes starting at once make one instance.
   */
  private void watchCurrent() {
    store.lockedVersion().ifPresent(version -> {
      String businessKey = "consent-" + version;
      boolean watched = runtimeService.createProcessInstanceQuery().processDefinitionKey(PROCESS_KEY)
          .processInstanceBusinessKey(businessKey).count() > 0;
      if (!watched) {
        runtimeService.createMessageCorrelation(STORED_MESSAGE).processInstanceBusinessKey(businessKey)
            .setVariable(VERSION, version).correlateStartMessage();
      }
    });
  }

  /** The incidents whose job stopped for want of a consent get the retries of a CSP task again. */
  private void retryWaitingJobs() {
    List<Incident> waiting = runtimeService.createIncidentQuery().incidentType(Incident.FAILED_JOB_HANDLER_TYPE)
        .incidentMessageLike(ConsentUnavailable.MARKER + "%").list();
    for (Incident incident : waiting) {
      managementService.setJobRetries(incident.getConfiguration(), retries());
    }
    if (!waiting.isEmpty()) {
      LOG.info("{} job(s) that waited for the Partner Center consent are retried", waiting.size());
    }
  }

  private int retries() {
    Matcher cycle = RETRIES.matcher(retry.getCycle());
    return cycle.find() ? Math.max(1, Integer.parseInt(cycle.group(1))) : 1;
  }
}
