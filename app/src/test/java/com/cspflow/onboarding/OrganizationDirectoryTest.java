package com.cspflow.onboarding;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.support.Fixtures;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Whose customer an organization is, asked on every API call about one: remembered once a committed row has said
 * it (the partner never changes), never remembered from a transaction that may still roll back, nor as a miss.
 */
@CspflowSpringTest
class OrganizationDirectoryTest {

  @Autowired OrganizationDirectory directory;
  @Autowired Fixtures fixtures;
  @Autowired JdbcClient jdbc;
  @Autowired PlatformTransactionManager transactions;

  @Test
  void anOrganizationsPartnerIsReadOnceAndThenRemembered() {
    String partnerId = fixtures.activePartner();
    String organizationId = fixtures.onboardedOrganization(partnerId, "Northwind AB");

    assertThat(directory.partnerOf(organizationId)).contains(partnerId);
    // Nothing in cspflow deletes an organization; done here behind its back, it shows the answer is not read again
    jdbc.sql("DELETE FROM organization WHERE id = :id").param("id", organizationId).update();

    assertThat(directory.belongsTo(organizationId, partnerId)).isTrue();
    assertThat(directory.belongsTo(organizationId, fixtures.activePartner())).isFalse();
  }

  @Test
  void whatATransactionThatRollsBackReadIsNotRemembered() {
    String partnerId = fixtures.activePartner();
    String organizationId = UUID.randomUUID().toString();

    new TransactionTemplate(transactions).executeWithoutResult(transaction -> {
      insertOrganization(organizationId, partnerId);
      assertThat(directory.partnerOf(organizationId)).contains(partnerId);
      transaction.setRollbackOnly();
    });

    assertThat(directory.partnerOf(organizationId)).isEmpty();
  }

  @Test
  void anOrganizationNotFoundIsLookedForAgain() {
    String partnerId = fixtures.activePartner();
    String organizationId = UUID.randomUUID().toString();
    assertThat(directory.partnerOf(organizationId)).isEmpty();

    insertOrganization(organizationId, partnerId);

    assertThat(directory.partnerOf(organizationId)).contains(partnerId);
  }

  private void insertOrganization(String organizationId, String partnerId) {
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql("INSERT INTO organization (id, partner_id, name, details_complete, created_at, updated_at)"
            + " VALUES (:id, :partner, 'Contoso AB', FALSE, :now, :now)")
        .param("id", organizationId).param("partner", partnerId).param("now", now).update();
  }
}
