package com.cspflow.partnersetup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.execute;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.job;

import com.cspflow.CspflowSpringTest;
import com.cspflow.platform.ConflictingProcessInput;
import com.cspflow.support.ApiCallers;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpEntity;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

@CspflowSpringTest
class PartnerSetupProcessTest {

  static final String KNOWN_MPN_ID = "1234567";

  @Autowired ProcessEngine engine;
  @Autowired RuntimeService runtimeService;
  @Autowired PartnerRepository partners;
  @Autowired ApiCallers callers;

  @BeforeEach
  void useEngine() {
    BpmnAwareTests.init(engine);
  }

  @Test
  void aVerifiedMpnIdActivatesTheServiceAndOpensThePriceList() {
    String partnerId = newPartnerId();
    ProcessInstance setup = start(partnerId, KNOWN_MPN_ID);

    assertThat(setup).isWaitingAt("Task_VerifyMpnId");
    assertThat(partners.find(partnerId).orElseThrow().status()).isEqualTo(Partner.Status.PENDING);
    execute(job(setup));

    assertThat(setup).isEnded().hasPassed("Task_ActivatePartnerService", "EndEvent_ServiceActive");
    Partner partner = partners.find(partnerId).orElseThrow();
    assertThat(partner.active()).isTrue();
    assertThat(partner.microsoftName()).isNotBlank();

    ResponseEntity<String> json = priceList(partnerId, MediaType.APPLICATION_JSON);
    assertThat(json.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(json.getBody()).contains("Microsoft 365 Business Basic", "\"salePrice\"", "Corporate", "Education");
    ResponseEntity<String> csv = priceList(partnerId, MediaType.parseMediaType("text/csv"));
    assertThat(csv.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(csv.getBody().lines().findFirst().orElseThrow())
        .isEqualTo("category,productGroup,product,catalogItemId,minimumQuantity,maximumQuantity,termDuration,"
            + "billingCycle,costPrice,salePrice,margin,currency");
    assertThat(csv.getBody().lines().count()).isGreaterThan(10);
  }

  @Test
  void anUnknownMpnIdStopsWithMicrosoftsReason() {
    String partnerId = newPartnerId();
    ProcessInstance setup = start(partnerId, "999999");
    execute(job(setup));

    assertThat(setup).isEnded().hasPassed("Task_RecordRejection", "EndEvent_ServiceRejected")
        .hasNotPassed("Task_ActivatePartnerService");
    Partner partner = partners.find(partnerId).orElseThrow();
    assertThat(partner.status()).isEqualTo(Partner.Status.REJECTED);
    assertThat(partner.rejectedReason()).contains("999999");
    assertThat(priceList(partnerId, MediaType.APPLICATION_JSON).getStatusCode()).isEqualTo(HttpStatus.CONFLICT);
  }

  @Test
  void aRejectedPartnerMayTryAgainButAnActiveOneIsRefused() {
    String partnerId = newPartnerId();
    ProcessInstance rejected = start(partnerId, "999999");
    execute(job(rejected));

    ProcessInstance again = start(partnerId, KNOWN_MPN_ID);
    execute(job(again));
    assertThat(again).isEnded().hasPassed("EndEvent_ServiceActive");

    assertThatThrownBy(() -> start(partnerId, KNOWN_MPN_ID))
        .isInstanceOf(ConflictingProcessInput.class)
        .hasMessageContaining("partnerId already has the Microsoft 365 service");
  }

  @Test
  void anIdDifferingOnlyInLetterCaseFromAnExistingPartnerIsRefusedAndNothingStarts() {
    String partnerId = newPartnerId();
    start(partnerId, KNOWN_MPN_ID);
    String shouted = partnerId.toUpperCase(java.util.Locale.ROOT);
    long before = runtimeService.createProcessInstanceQuery().processDefinitionKey("partnerSetup").count();

    assertThatThrownBy(() -> start(shouted, KNOWN_MPN_ID))
        .isInstanceOf(ConflictingProcessInput.class)
        .hasMessageContaining("partnerId is taken");
    assertThat(partners.find(shouted)).isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey("partnerSetup").count())
        .isEqualTo(before);
  }

  @Test
  void twoSetupsOfOneIdInDifferentLetterCaseAtTheSameMomentMakeOnePartner() throws Exception {
    for (int round = 0; round < 5; round++) {
      String partnerId = newPartnerId();
      java.util.concurrent.CountDownLatch go = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.CompletableFuture<Boolean>> setups = new java.util.ArrayList<>();
      for (String id : List.of(partnerId, partnerId.toUpperCase(java.util.Locale.ROOT))) {
        setups.add(java.util.concurrent.CompletableFuture.supplyAsync(() -> {
          try {
            go.await();
            start(id, KNOWN_MPN_ID);
            return true;
          } catch (ConflictingProcessInput refused) {
            return false;
          } catch (InterruptedException e) {
            throw new IllegalStateException(e);
          }
        }));
      }
      go.countDown();
      List<Boolean> started = new java.util.ArrayList<>();
      for (var setup : setups) {
        started.add(setup.get(60, java.util.concurrent.TimeUnit.SECONDS));
      }

      assertThat(started).as("round %d", round).containsExactlyInAnyOrder(true, false);
    }
  }

  @Test
  void badInputOverRestIsA400NamingTheFieldsAndStoresNothing() {
    String partnerId = newPartnerId();
    ResponseEntity<String> answer = callers.portal().postForEntity("/api/partners/" + partnerId + "/microsoft365",
        ApiCallers.json(Map.of("mpnId", "MPN-12", "contactName", "Petra", "contactEmail", "petra-at-example")),
        String.class);

    assertThat(answer.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
    assertThat(answer.getBody()).contains("mpnId").contains("contactEmail").doesNotContain("contactName");
    assertThat(partners.find(partnerId)).isEmpty();
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceBusinessKey(partnerId).count()).isZero();
  }

  private ProcessInstance start(String partnerId, String mpnId) {
    return runtimeService.startProcessInstanceByKey("partnerSetup", Map.of("partnerId", partnerId, "mpnId", mpnId,
        "contactName", "Petra Partner", "contactEmail", "petra@partner.example"));
  }

  private ResponseEntity<String> priceList(String partnerId, MediaType type) {
    HttpHeaders headers = new HttpHeaders();
    headers.setAccept(java.util.List.of(type));
    return callers.portal().exchange("/api/partners/" + partnerId + "/price-list",
        HttpMethod.GET, new HttpEntity<>(headers), String.class);
  }

  private static String newPartnerId() {
    return "partner-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
