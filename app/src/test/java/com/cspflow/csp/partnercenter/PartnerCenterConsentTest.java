package com.cspflow.csp.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.consent.ConsentRenewed;
import com.cspflow.csp.consent.ConsentService;
import com.cspflow.csp.consent.ConsentState;
import com.cspflow.csp.consent.ConsentStore;
import com.cspflow.csp.consent.ConsentUnavailable;
import com.cspflow.partnersetup.Partner;
import com.cspflow.partnersetup.PartnerRepository;
import com.cspflow.platform.InvalidProcessInput;
import com.cspflow.platform.secrets.SecretBox;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.SandboxApi;
import com.cspflow.support.SandboxProcess;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The Partner Center consent as a managed secret, against the CSP sandbox on the test database: encrypted at rest,
 * rotated atomically by several nodes at once, kept over a restart, refused by Microsoft (unused for 90 days,
 * revoked, without MFA, spent elsewhere), and renewed by an administrator, after which what the refusal stopped
 * recovers by itself. Every test ends with a working consent of its own, for the tests after it.
 */
@CspflowSpringTest
@ExtendWith(OutputCaptureExtension.class)
class PartnerCenterConsentTest {

  static final String KNOWN_MPN_ID = "1234567";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ConsentStore store;
  @Autowired ConsentService consents;
  @Autowired PartnerCenterProperties properties;
  @Autowired PartnerCenterClient port;
  @Autowired PartnerRepository partners;
  @Autowired ApiCallers callers;
  @Autowired JdbcClient jdbc;
  @Autowired SecretBox secrets;
  SandboxAdmin sandbox;
  SandboxApi sandboxApi;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
    sandboxApi = new SandboxApi();
  }

  @AfterEach
  void leaveAWorkingConsent() {
    consents.renew(sandbox.consent(true).refreshToken(), "test");
  }

  @Test
  void theConfiguredTokenOnlySeedsAnEmptyStoreAndTheStoredOneIsEncrypted() {
    port.verifyPartner(KNOWN_MPN_ID);

    assertThat(store.seedIfEmpty("another-configured-token")).as("a stored consent is kept").isFalse();
    String stored = jdbc.sql("SELECT refresh_token_encrypted FROM csp_consent").query(String.class).single();
    assertThat(stored).startsWith("v1:").doesNotContain(SandboxProcess.REFRESH_TOKEN)
        .doesNotContain("another-configured-token");
    assertThat(sandboxApi.redeem(SandboxProcess.REFRESH_TOKEN).getBody().path("error_codes").get(0).asInt())
        .as("the configured first token was rotated away, never used again").isEqualTo(70000);
  }

  @Test
  void nodesRedeemingAtTheSameTimeNeverSpendTheSameRefreshToken() throws Exception {
    List<PartnerCenterClient> nodes = List.of(node(), node(), node());
    ExecutorService threads = Executors.newFixedThreadPool(6);
    CyclicBarrier together = new CyclicBarrier(6);
    List<Future<Integer>> redemptions = new ArrayList<>();
    try {
      for (int thread = 0; thread < 6; thread++) {
        PartnerCenterClient node = nodes.get(thread % nodes.size());
        redemptions.add(threads.submit(() -> {
          together.await(10, TimeUnit.SECONDS);
          for (int round = 0; round < 4; round++) {
            node.consentRenewed(new ConsentRenewed(0));
            node.verifyPartner(KNOWN_MPN_ID);
          }
          return 4;
        }));
      }
      for (Future<Integer> redeemed : redemptions) {
        assertThat(redeemed.get(60, TimeUnit.SECONDS)).isEqualTo(4);
      }
    } finally {
      threads.shutdownNow();
    }

    ConsentState state = store.state().orElseThrow();
    assertThat(state.refused()).isFalse();
    assertThat(state.lastUsedAt()).isNotNull();
    assertThat(node().verifyPartner(KNOWN_MPN_ID).mpnId()).isEqualTo(KNOWN_MPN_ID);
  }

  @Test
  void aRestartedNodeGoesOnWithTheRotatedTokenFromTheStore() {
    consents.renew(sandbox.consent(true).refreshToken(), "test");
    node().verifyPartner(KNOWN_MPN_ID);

    PartnerCenterClient restarted = node();
    assertThat(restarted.verifyPartner(KNOWN_MPN_ID).mpnId()).isEqualTo(KNOWN_MPN_ID);
    assertThat(store.state().orElseThrow().refused()).isFalse();
  }

  @Test
  void aConsentUnusedForNinetyDaysIsRefusedAndAppAndUserCallsWaitWithHowToRenewIt(CapturedOutput log) {
    SandboxAdmin.Consent consent = sandbox.consent(true);
    ConsentState given = consents.renew(consent.refreshToken(), "test");
    port.verifyPartner(KNOWN_MPN_ID);
    assertThat(store.state().orElseThrow().expiresIfUnusedAt()).isAfter(Instant.now().plus(Duration.ofDays(89)));
    sandbox.consentUnusedFor(consent.id(), 91);
    tokensExpire();

    assertThatThrownBy(() -> port.verifyPartner(KNOWN_MPN_ID)).isInstanceOf(ConsentUnavailable.class)
        .hasMessageStartingWith(ConsentUnavailable.MARKER + " refused by Microsoft")
        .hasMessageContaining("expired after being unused", "AADSTS700082", "PUT /api/admin/csp-consent");
    ConsentState refused = store.state().orElseThrow();
    assertThat(refused.version()).isEqualTo(given.version());
    assertThat(refused.refusalCode()).isEqualTo(700082);
    assertThatThrownBy(() -> port.verifyPartner(KNOWN_MPN_ID)).as("and again, without asking Microsoft")
        .isInstanceOf(ConsentUnavailable.class);
    assertThat(store.state().orElseThrow().refusedAt()).isEqualTo(refused.refusedAt());
    assertThat(port.catalog()).as("app-only calls go on").isNotEmpty();

    JsonNode health = callers.admin().getForObject("/actuator/health/cspConsent", JsonNode.class);
    assertThat(health.path("status").asText()).isEqualTo("DOWN");
    assertThat(health.path("details").path("refusal").asText()).startsWith("AADSTS700082");
    assertThat(health.path("details").path("renew").asText()).contains("PUT /api/admin/csp-consent");
    assertThat(log.getAll()).doesNotContain(consent.refreshToken());
  }

  @Test
  void aRevokedConsentIsRefused() {
    SandboxAdmin.Consent consent = sandbox.consent(true);
    consents.renew(consent.refreshToken(), "test");
    sandbox.revokeConsent(consent.id());

    assertThatThrownBy(() -> port.users(UUID.randomUUID().toString())).isInstanceOf(ConsentUnavailable.class)
        .hasMessageContaining("revoked", "AADSTS50173");
    assertThat(store.state().orElseThrow().refusalCode()).isEqualTo(50173);
  }

  @Test
  void aConsentGivenWithoutMultiFactorAuthenticationIsRefusedBeforeItIsStored() {
    ConsentState before = store.state().orElseThrow();

    assertThatThrownBy(() -> consents.renew(sandbox.consent(false).refreshToken(), "test"))
        .isInstanceOfSatisfying(InvalidProcessInput.class, refused -> assertThat(refused.problems())
            .containsOnlyKeys("refreshToken"))
        .hasMessageContaining("AADSTS50076", "nothing was stored");
    assertThat(store.state().orElseThrow()).as("the working consent stays").isEqualTo(before);
    assertThat(port.relationshipRequestLink()).isNotBlank();
  }

  @Test
  void aRefreshTokenSpentElsewhereIsRefusedOnlyAfterTheStoreWasReadAgain() {
    consents.renew(sandbox.consent(true).refreshToken(), "test");
    String token = secrets.decrypt(jdbc.sql("SELECT refresh_token_encrypted FROM csp_consent").query(String.class)
        .single());
    assertThat(sandboxApi.redeem(token).getStatusCode()).as("someone else redeems it first").isEqualTo(HttpStatus.OK);

    assertThatThrownBy(() -> port.verifyPartner(KNOWN_MPN_ID)).isInstanceOf(ConsentUnavailable.class)
        .hasMessageContaining("unknown or was already used", "AADSTS70000");
  }

  /** The variables are what the last check saw: a use shows at the next one (cspflow.csp.consent-check-interval). */
  @Test
  void theConsentsProcessShowsWhenTheConsentWasLastUsedFromTheNextCheckOn() {
    ConsentState given = consents.renew(sandbox.consent(true).refreshToken(), "test");
    ProcessInstance watch = consentWatch(given.version());
    execute(job(watch));
    assertThat(watch).isWaitingAt("TimerEvent_WaitBeforeNextCheck");
    tokensExpire();
    port.verifyPartner(KNOWN_MPN_ID);
    Instant used = store.state().orElseThrow().lastUsedAt();
    assertThat(used).isNotNull();

    assertThat(runtimeService.getVariable(watch.getId(), "consentLastUsedAt")).as("a snapshot of the last check")
        .isNull();
    pretendTheCheckIsDue(watch);
    execute(job(watch));
    assertThat(watch).as("the check ran inside the timer's job").isWaitingAt("TimerEvent_WaitBeforeNextCheck");
    assertThat(runtimeService.getVariable(watch.getId(), "consentLastUsedAt")).isEqualTo(Date.from(used));
  }

  @Test
  void jobsARefusedConsentStoppedRecoverByThemselvesOnceAnAdministratorStoresANewOne() {
    SandboxAdmin.Consent consent = sandbox.consent(true);
    ConsentState given = consents.renew(consent.refreshToken(), "test");
    ProcessInstance watch = consentWatch(given.version());
    execute(job(watch));
    assertThat(watch).isWaitingAt("TimerEvent_WaitBeforeNextCheck").variables()
        .containsKeys("consentGivenAt", "consentExpiresIfUnusedAt").containsEntry("consentGivenBy", "test");
    sandbox.revokeConsent(consent.id());
    tokensExpire();

    String partnerId = "partner-" + UUID.randomUUID().toString().substring(0, 8);
    ProcessInstance setup = runtimeService.startProcessInstanceByKey("partnerSetup", Map.of("partnerId", partnerId,
        "mpnId", KNOWN_MPN_ID, "contactName", "Petra Partner", "contactEmail", "petra@partner.example"));
    Incident stopped = failUntilIncident(setup);
    assertThat(stopped.getIncidentMessage()).startsWith(ConsentUnavailable.MARKER + " refused by Microsoft")
        .contains("PUT /api/admin/csp-consent");
    pretendTheCheckIsDue(watch);
    Incident signal = failUntilIncident(watch);
    assertThat(signal.getFailedActivityId()).isEqualTo("Task_CheckConsent");
    assertThat(signal.getIncidentMessage()).contains("AADSTS50173");

    String renewed = sandbox.consent(true).refreshToken();
    ResponseEntity<String> stored = callers.admin().exchange("/api/admin/csp-consent", HttpMethod.PUT,
        ApiCallers.json(Map.of("refreshToken", renewed)), String.class);

    assertThat(stored.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(stored.getBody()).contains("\"givenBy\":\"admin\"", "\"version\":" + (given.version() + 1))
        .doesNotContain(renewed).doesNotContain("refreshToken");
    Job retried = managementService.createJobQuery().processInstanceId(setup.getId()).singleResult();
    assertThat(retried.getRetries()).as("retried by itself").isPositive();
    assertThat(runtimeService.createIncidentQuery().processInstanceId(setup.getId()).count()).isZero();
    execute(job(setup));
    assertThat(setup).isEnded().hasPassed("EndEvent_ServiceActive");
    assertThat(partners.find(partnerId).orElseThrow().status()).isEqualTo(Partner.Status.ACTIVE);

    execute(job(watch));
    assertThat(watch).as("the refused consent's instance ends: a newer one replaced it").isEnded()
        .hasPassed("EndEvent_ConsentReplaced");
    ProcessInstance next = consentWatch(given.version() + 1);
    execute(job(next));
    assertThat(next).isWaitingAt("TimerEvent_WaitBeforeNextCheck").variables().containsEntry("consentGivenBy", "admin");
    assertThat(callers.admin().getForObject("/actuator/health/cspConsent", JsonNode.class).path("status").asText())
        .isEqualTo("UP");
  }

  @Test
  void onlyAnAdministratorStoresAConsentAndNoAnswerShowsIt() {
    String token = sandbox.consent(true).refreshToken();
    ResponseEntity<String> byBackOffice = callers.backoffice().exchange("/api/admin/csp-consent", HttpMethod.PUT,
        ApiCallers.json(Map.of("refreshToken", token)), String.class);
    assertThat(byBackOffice.getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
    ResponseEntity<String> empty = callers.admin().exchange("/api/admin/csp-consent", HttpMethod.PUT,
        ApiCallers.json(Map.of("refreshToken", " ")), String.class);
    assertThat(empty.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(empty.getBody()).contains("refreshToken");
    ResponseEntity<String> madeUp = callers.admin().exchange("/api/admin/csp-consent", HttpMethod.PUT,
        ApiCallers.json(Map.of("refreshToken", "made-up-token")), String.class);
    assertThat(madeUp.getStatusCode()).as("Microsoft refuses it, nothing stored").isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(madeUp.getBody()).contains("refreshToken", "refused by Microsoft").doesNotContain("made-up-token");

    ResponseEntity<String> stored = callers.admin().exchange("/api/admin/csp-consent", HttpMethod.PUT,
        ApiCallers.json(Map.of("refreshToken", token)), String.class);
    assertThat(stored.getStatusCode()).isEqualTo(HttpStatus.OK);
    JsonNode state = callers.owner().getForObject("/actuator/health/cspConsent", JsonNode.class);
    assertThat(state.path("status").asText()).isEqualTo("UP");
    assertThat(state.path("details").path("givenBy").asText()).isEqualTo("admin");
    assertThat(state.path("details").path("lastUsedAt").asText()).isEqualTo("never");
    assertThat(Instant.parse(state.path("details").path("expiresIfUnusedAt").asText()))
        .isAfter(Instant.now().plus(Duration.ofDays(89)));
    ResponseEntity<String> read = callers.admin().getForEntity("/api/admin/csp-consent", String.class);
    assertThat(read.getBody()).contains("\"givenBy\":\"admin\"").doesNotContain(token);
    assertThat(callers.backoffice().getForEntity("/api/admin/csp-consent", String.class).getStatusCode())
        .isEqualTo(HttpStatus.FORBIDDEN);
    assertThat(stored.getBody() + state + read.getBody()).doesNotContain(token);
  }

  /** Another node: a client of its own (its own token cache) over the same database. */
  private PartnerCenterClient node() {
    return new PartnerCenterClient(properties, duration -> { }, Clock.systemUTC(), store);
  }

  /** The cached access tokens reach their end: the next app+user call redeems the consent. */
  private void tokensExpire() {
    port.consentRenewed(new ConsentRenewed(0));
  }

  private ProcessInstance consentWatch(int version) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(ConsentService.PROCESS_KEY)
        .processInstanceBusinessKey("consent-" + version).singleResult();
  }

  private void pretendTheCheckIsDue(ProcessInstance watch) {
    Job timer = managementService.createJobQuery().processInstanceId(watch.getId()).singleResult();
    managementService.setJobDuedate(timer.getId(), Date.from(Instant.now().minus(1, ChronoUnit.MINUTES)));
  }

  /** Runs the instance's job until its retries are spent; the incident it became. */
  private Incident failUntilIncident(ProcessInstance instance) {
    Job job = managementService.createJobQuery().processInstanceId(instance.getId()).singleResult();
    for (int attempt = 0; attempt < 10 && job.getRetries() > 0; attempt++) {
      String id = job.getId();
      assertThatThrownBy(() -> managementService.executeJob(id)).isInstanceOf(ConsentUnavailable.class);
      job = managementService.createJobQuery().jobId(id).singleResult();
    }
    return runtimeService.createIncidentQuery().processInstanceId(instance.getId()).singleResult();
  }
}
