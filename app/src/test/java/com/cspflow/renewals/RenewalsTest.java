package com.cspflow.renewals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.cspflow.csp.CspPort;
import com.cspflow.csp.CspSubscription;
import com.cspflow.csp.NextTermInstructions;
import com.cspflow.subscriptions.Subscription;
import com.cspflow.subscriptions.SubscriptionRepository;
import com.cspflow.support.ApiCallers;
import com.cspflow.support.CspflowSmtpTest;
import com.cspflow.support.Fixtures;
import com.cspflow.support.SandboxAdmin;
import com.fasterxml.jackson.databind.JsonNode;
import com.icegreen.greenmail.util.GreenMail;
import jakarta.mail.internet.MimeMessage;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

/**
 * The renewal calendar and the notices before a renewal, for a customer whose subscriptions live at the sandbox: one
 * renewing in about 20 days with a change scheduled for the next term, one ending in about 20 days (auto-renew off),
 * one renewing in about 265 days. After their renewal dates the daily run's first task makes our records follow what
 * Microsoft did.
 */
@CspflowSmtpTest
class RenewalsTest {

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";
  /** As a partner may type it: a spreadsheet would run it as a formula. */
  static final String CUSTOMER = "=1+2 Renewing AB";

  @Autowired ProcessEngine engine;
  @Autowired ManagementService managementService;
  @Autowired HistoryService historyService;
  @Autowired CspPort csp;
  @Autowired SubscriptionRepository subscriptions;
  @Autowired Fixtures fixtures;
  @Autowired ApiCallers callers;
  @Autowired GreenMail greenMail;
  SandboxAdmin sandbox;
  String partnerId;
  String tenantId;
  String renewing;
  String ending;
  String later;
  Fixtures.Customer customer;

  @BeforeEach
  void aCustomerWithSubscriptionsRenewingSoonAndLater() {
    BpmnAwareTests.init(engine);
    sandbox = new SandboxAdmin();
    partnerId = fixtures.activePartner();
    String prefix = Fixtures.uniqueDomainPrefix("renewing");
    tenantId = sandbox.existingCustomer(prefix, "Renewing AB", List.of(bought(12, 345), bought(5, 345),
        bought(3, 100)));
    List<CspSubscription> atMicrosoft = csp.subscriptions(tenantId);
    renewing = withSeats(atMicrosoft, 12);
    ending = withSeats(atMicrosoft, 5);
    later = withSeats(atMicrosoft, 3);
    csp.scheduleNextTerm(UUID.randomUUID().toString(), tenantId, renewing,
        new NextTermInstructions(BUSINESS_BASIC, 8, "P1Y", "monthly"));
    csp.setAutoRenew(UUID.randomUUID().toString(), tenantId, ending, false);
    customer = fixtures.migratedCustomer(partnerId, CUSTOMER, tenantId);
  }

  @Test
  void theCalendarShowsWhatRenewsOrEndsWhenAtWhatSeatsTermAndPriceWithTheScheduledChange() {
    JsonNode month = callers.partner(partnerId).getForObject(renewals("P30D"), JsonNode.class);

    assertThat(subscriptionIds(month)).containsExactlyInAnyOrder(renewing, ending);
    JsonNode renews = row(month, renewing);
    assertThat(renews.path("outcome").asText()).isEqualTo("RENEWS");
    assertThat(renews.path("daysLeft").asInt()).isBetween(18, 21);
    assertThat(renews.path("quantity").asInt()).isEqualTo(12);
    assertThat(renews.path("changeScheduled").asBoolean()).isTrue();
    assertThat(renews.path("nextQuantity").asInt()).isEqualTo(8);
    assertThat(renews.path("nextTermDuration").asText()).isEqualTo("P1Y");
    assertThat(renews.path("nextBillingCycle").asText()).isEqualTo("monthly");
    BigDecimal unitPrice = renews.path("nextUnitPrice").decimalValue();
    assertThat(unitPrice).isEqualTo(priceListSalePrice(BUSINESS_BASIC, "P1Y", "monthly"));
    assertThat(renews.path("nextMonthlyAmount").decimalValue()).isEqualByComparingTo(unitPrice.multiply(
        BigDecimal.valueOf(8)));
    assertThat(renews.path("customer").asText()).isEqualTo(CUSTOMER);
    JsonNode ends = row(month, ending);
    assertThat(ends.path("outcome").asText()).isEqualTo("ENDS");
    assertThat(ends.path("nextQuantity").isNull()).isTrue();
    assertThat(ends.path("nextUnitPrice").isNull()).isTrue();

    JsonNode year = callers.backoffice().getForObject(renewals("P366D"), JsonNode.class);
    assertThat(subscriptionIds(year)).as("soonest first; the two of the same day in either order")
        .containsExactlyInAnyOrder(renewing, ending, later).endsWith(later);
    assertThat(row(year, later).path("changeScheduled").asBoolean()).isFalse();
    assertThat(row(year, later).path("nextQuantity").asInt()).as("renews as it is").isEqualTo(3);

    HttpHeaders csv = new HttpHeaders();
    csv.set(HttpHeaders.ACCEPT, "text/csv");
    String sheet = callers.partner(partnerId).exchange(renewals("P30D"), HttpMethod.GET, new HttpEntity<>(csv),
        String.class).getBody();
    assertThat(sheet.lines().findFirst().orElseThrow()).startsWith("renewsOn,daysLeft,outcome,partnerId,");
    assertThat(sheet.lines().filter(line -> line.contains(renewing) || line.contains(ending))).hasSize(2);
  }

  @Test
  void aCustomerNamedLikeAFormulaIsTextInTheCsvTheBackOfficeOpensInASpreadsheet() {
    HttpHeaders csv = new HttpHeaders();
    csv.set(HttpHeaders.ACCEPT, "text/csv");
    String sheet = callers.backoffice().exchange("/api/renewals?within=P30D&partnerId=" + partnerId, HttpMethod.GET,
        new HttpEntity<>(csv), String.class).getBody();

    assertThat(sheet.lines().filter(line -> line.contains(renewing))).singleElement().asString()
        .contains(",\"'" + CUSTOMER + "\",").doesNotContain(",\"" + CUSTOMER);
  }

  @Test
  void everyoneSeesOnlyTheRenewalsTheyMayReadAndABadWindowIsRefusedByName() {
    String otherPartner = fixtures.activePartner();
    assertThat(callers.partner(otherPartner).getForEntity(renewals("P30D"), String.class).getStatusCode())
        .isEqualTo(HttpStatus.NOT_FOUND);
    JsonNode own = callers.partner(otherPartner).getForObject("/api/renewals?within=P366D", JsonNode.class);
    assertThat(subscriptionIds(own)).as("a partner's own system sees its own renewals only").isEmpty();
    assertThat(callers.partner(otherPartner).getForEntity("/api/renewals?partnerId=" + partnerId, String.class)
        .getStatusCode()).isEqualTo(HttpStatus.NOT_FOUND);
    JsonNode mine = callers.partner(partnerId).getForObject("/api/renewals?within=P366D", JsonNode.class);
    assertThat(subscriptionIds(mine)).containsExactlyInAnyOrder(renewing, ending, later).endsWith(later);
    JsonNode everyone = callers.backoffice().getForObject("/api/renewals?within=P366D", JsonNode.class);
    assertThat(subscriptionIds(everyone)).contains(renewing, ending, later);
    JsonNode onePartner = callers.portal().getForObject("/api/renewals?within=P30D&partnerId=" + partnerId,
        JsonNode.class);
    assertThat(subscriptionIds(onePartner)).containsExactlyInAnyOrder(renewing, ending);

    for (String bad : List.of("P0D", "P367D", "30", "P1M", "PT720H", "P30D%20OR%201=1")) {
      ResponseEntity<JsonNode> refused = callers.partner(partnerId).getForEntity(renewals(bad), JsonNode.class);
      assertThat(refused.getStatusCode()).as(bad).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.getBody().path("problems").path("within").asText()).contains("P1D to P366D");
    }
  }

  @Test
  void eachNoticeIsSentOnceBeforeTheRenewalAndAgainAtSevenDaysWhateverTheRunsInBetween() throws Exception {
    runTheDailyNotices();
    List<MimeMessage> first = mailsAbout(renewing, ending, later);
    assertThat(first).hasSize(2);
    assertThat(textAbout(first, renewing)).contains("renews on", "12 seats", "Scheduled for the renewal: 8 seats",
        "per seat and month", "ask the marketplace's back office before", "/api/partners/" + partnerId + "/renewals");
    assertThat(textAbout(first, ending)).contains("ends on", "auto-renew is off");
    assertThat(first).allSatisfy(mail -> assertThat(mail.getAllRecipients()[0].toString())
        .isEqualTo("petra@partner.example"));
    assertThat(first.stream().map(this::messageId)).allSatisfy(id -> assertThat(id).endsWith(".30d@cspflow>"));

    runTheDailyNotices();
    assertThat(mailsAbout(renewing, ending, later)).as("a rerun sends nothing twice").hasSize(2);

    sandbox.timeTravel(tenantId, 14 * 24);
    subscriptions.updateRenewalFacts(csp.subscriptions(tenantId), Instant.now());
    runTheDailyNotices();
    runTheDailyNotices();

    List<MimeMessage> all = mailsAbout(renewing, ending, later);
    assertThat(all).hasSize(4);
    assertThat(all.stream().map(this::messageId).filter(id -> id.endsWith(".7d@cspflow>"))).hasSize(2);
    HistoricProcessInstance lastRun = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey("renewalNotices").finished().orderByProcessInstanceEndTime().desc().listPage(0, 1)
        .get(0);
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(lastRun.getId())
        .variableName("renewalsLookedAt").singleResult().getValue()).isInstanceOf(Integer.class);
  }

  @Test
  void theDailyCheckFollowsTheRenewalWithTheScheduledChangeAndTheExpiryAndARerunChangesNothingMore() {
    csp.scheduleNextTerm(UUID.randomUUID().toString(), tenantId, renewing,
        new NextTermInstructions(BUSINESS_BASIC, 8, "P1M", "monthly"));
    fixtures.timePasses(customer, 21 * 24);

    HistoricProcessInstance run = runTheDailyNotices();

    CspSubscription atMicrosoft = csp.subscriptions(tenantId).stream().filter(s -> s.id().equals(renewing))
        .findFirst().orElseThrow();
    Subscription renewed = subscriptions.find(renewing).orElseThrow();
    assertThat(renewed.status()).isEqualTo("ACTIVE");
    assertThat(renewed.quantity()).as("the scheduled seats").isEqualTo(8);
    assertThat(renewed.termDuration()).as("the scheduled term").isEqualTo("P1M");
    assertThat(renewed.billingCycle()).isEqualTo("monthly");
    assertThat(renewed.startDate()).as("the new term's start").isEqualTo(atMicrosoft.effectiveStartDate())
        .isBefore(Instant.now());
    assertThat(renewed.commitmentEndDate()).as("the new term's end").isEqualTo(atMicrosoft.commitmentEndDate())
        .isAfter(Instant.now());
    assertThat(renewed.scheduledNextTerm()).as("applied, so no longer scheduled").isNull();
    assertThat(renewed.cancellationAllowedUntil()).as("the renewal's own 7 days")
        .isEqualTo(atMicrosoft.cancellationAllowedUntil()).isAfter(Instant.now());
    Subscription ended = subscriptions.find(ending).orElseThrow();
    assertThat(ended.status()).as("auto-renew was off").isEqualTo("EXPIRED");
    assertThat(ended.quantity()).isEqualTo(5);
    Subscription notDue = subscriptions.find(later).orElseThrow();
    assertThat(notDue.status()).isEqualTo("ACTIVE");
    assertThat(notDue.quantity()).isEqualTo(3);
    assertThat((Integer) variable(run, "subscriptionsRenewed")).isPositive();
    assertThat((Integer) variable(run, "subscriptionsExpired")).isPositive();
    assertThat((Integer) variable(run, "customersWithRenewalsDue")).isPositive();
    assertThat(variable(run, "customersNotRead")).isInstanceOf(Integer.class);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(run.getId())
        .activityId("Task_FollowRenewalsDue").finished().count()).isEqualTo(1);

    List<Subscription> followed = ofCustomer();
    runTheDailyNotices();
    assertThat(ofCustomer()).as("a rerun changes nothing more").containsExactlyInAnyOrderElementsOf(followed);
  }

  @Test
  void microsoftNotAnsweringFailsTheCheckWhichIsRetriedAndThenAnIncidentBeforeAnyNotice() {
    fixtures.timePasses(customer, 21 * 24);
    sandbox.failAlways("list-subscriptions");
    try {
      String run = startTheDailyRun();
      Job check = managementService.createJobQuery().processInstanceId(run).activityId("Task_FollowRenewalsDue")
          .singleResult();
      for (int attempt = 0; attempt < 3; attempt++) {
        try {
          managementService.executeJob(check.getId());
        } catch (RuntimeException expected) {
          // Microsoft answers 500: the job keeps its place with one retry fewer
        }
      }
      assertThat(managementService.createJobQuery().jobId(check.getId()).singleResult().getRetries()).isZero();
      assertThat(engine.getRuntimeService().createIncidentQuery().processInstanceId(run).count()).isEqualTo(1);
      assertThat(subscriptions.find(renewing).orElseThrow().quantity()).as("nothing followed").isEqualTo(12);

      sandbox.clearFaults();
      managementService.setJobRetries(check.getId(), 1);
      fixtures.runJobs(run);
      assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(run).singleResult()
          .getEndActivityId()).isEqualTo("EndEvent_NoticesSent");
      assertThat(subscriptions.find(renewing).orElseThrow().quantity()).isEqualTo(8);
      assertThat(subscriptions.find(ending).orElseThrow().status()).isEqualTo("EXPIRED");
    } finally {
      sandbox.clearFaults();
    }
  }

  /** The daily timer's job, as the job executor would run it, then its instance's jobs until it ends. */
  private HistoricProcessInstance runTheDailyNotices() {
    String run = startTheDailyRun();
    fixtures.runJobs(run);
    HistoricProcessInstance ended = historyService.createHistoricProcessInstanceQuery().processInstanceId(run)
        .singleResult();
    assertThat(ended.getEndActivityId()).isEqualTo("EndEvent_NoticesSent");
    return ended;
  }

  /** Executes the daily timer's job; returns the instance it started. */
  private String startTheDailyRun() {
    Set<String> before = historyService.createHistoricProcessInstanceQuery().processDefinitionKey("renewalNotices")
        .list().stream().map(HistoricProcessInstance::getId).collect(Collectors.toSet());
    Job daily = managementService.createJobQuery().processDefinitionKey("renewalNotices").timers().singleResult();
    assertThat(daily).as("the daily timer").isNotNull();
    managementService.executeJob(daily.getId());
    return historyService.createHistoricProcessInstanceQuery().processDefinitionKey("renewalNotices").list().stream()
        .map(HistoricProcessInstance::getId).filter(id -> !before.contains(id)).findFirst().orElseThrow();
  }

  private Object variable(HistoricProcessInstance run, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(run.getId()).variableName(name)
        .singleResult().getValue();
  }

  private List<Subscription> ofCustomer() {
    return subscriptions.ofOrganizations(List.of(customer.organizationId())).get(customer.organizationId());
  }

  /** Microsoft lists a customer's subscriptions in no particular order: they are told apart by their seats. */
  private static String withSeats(List<CspSubscription> subscriptions, int quantity) {
    return subscriptions.stream().filter(s -> s.quantity() == quantity).findFirst().orElseThrow().id();
  }

  private static Map<String, Object> bought(int quantity, int daysAgo) {
    return Map.of("catalogItemId", BUSINESS_BASIC, "quantity", quantity, "termDuration", "P1Y",
        "billingCycle", "monthly", "purchasedDaysAgo", daysAgo);
  }

  private String renewals(String within) {
    return "/api/partners/" + partnerId + "/renewals?within=" + within;
  }

  private BigDecimal priceListSalePrice(String catalogItemId, String term, String billingCycle) {
    for (JsonNode line : callers.partner(partnerId).getForObject("/api/partners/" + partnerId + "/price-list",
        JsonNode.class)) {
      if (line.path("catalogItemId").asText().equals(catalogItemId) && line.path("termDuration").asText().equals(term)
          && line.path("billingCycle").asText().equals(billingCycle)) {
        return line.path("salePrice").decimalValue();
      }
    }
    throw new AssertionError("no price for " + catalogItemId + " " + term + " billed " + billingCycle);
  }

  private static List<String> subscriptionIds(JsonNode rows) {
    return StreamSupport.stream(rows.spliterator(), false).map(row -> row.path("subscriptionId").asText()).toList();
  }

  private static JsonNode row(JsonNode rows, String subscriptionId) {
    return StreamSupport.stream(rows.spliterator(), false)
        .filter(row -> row.path("subscriptionId").asText().equals(subscriptionId)).findFirst().orElseThrow();
  }

  private List<MimeMessage> mailsAbout(String... subscriptionIds) throws Exception {
    List<MimeMessage> mails = new ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      String text = message.getContent().toString();
      for (String id : subscriptionIds) {
        if (text.contains(id)) {
          mails.add(message);
          break;
        }
      }
    }
    return mails;
  }

  private static String textAbout(List<MimeMessage> mails, String subscriptionId) throws Exception {
    for (MimeMessage mail : mails) {
      if (mail.getContent().toString().contains(subscriptionId)) {
        return mail.getSubject() + "\n" + mail.getContent();
      }
    }
    throw new AssertionError("no mail about " + subscriptionId);
  }

  private String messageId(MimeMessage mail) {
    try {
      return mail.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
