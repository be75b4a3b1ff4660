package com.cspflow.csp.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.csp.CspPort;
import com.cspflow.csp.GdapRole;
import com.cspflow.support.SandboxAdmin;
import com.cspflow.support.SandboxProcess;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;

/**
 * The contract against the sandbox process, through the application's CspPort bean (signed in with the consent the
 * application stores, Graph and sign-in pointed at the sandbox).
 */
@CspflowSpringTest
class SandboxContractTest extends CspPortContract {

  @Autowired CspPort port;
  TestRestTemplate admin = SandboxAdmin.adminClient(SandboxProcess.forTests());
  SandboxAdmin sandbox = new SandboxAdmin();

  @Override
  protected CspPort port() {
    return port;
  }

  @Override
  protected void givenANewCustomerCanBeCreated(String domainPrefix, String requestId) {
    // the sandbox starts without that domain and creates whatever it is asked to
  }

  @Override
  protected String givenACustomerWithoutAgreement() {
    String prefix = "noagreement" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    return port.createCustomer(UUID.randomUUID().toString(), newCustomer(prefix)).tenantId();
  }

  @Override
  protected void givenTheOrdersHaveCompleted(String tenantId) {
    assertThat(admin.postForEntity("/customers/{id}/time-travel", Map.of("hours", 1),
        Void.class, tenantId).getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
  }

  @Override
  protected void givenTheCancellationWindowHasClosed(String tenantId) {
    sandbox.timeTravel(tenantId, 8 * 24);
  }

  @Override
  protected void givenAnExistingTenant(String domain) {
    var created = admin.postForEntity("/tenants", Map.of("domain", domain,
        "companyName", "Fabrikam", "subscriptions", List.of(Map.of("catalogItemId", EXCHANGE_PLAN_1,
            "quantity", 10))), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
  }

  @Override
  protected void givenTheCustomerAcceptedTheRelationship(String domain) {
    assertThat(admin.postForEntity("/relationship-requests/accept", Map.of("domain", domain),
        Map.class).getStatusCode()).isEqualTo(HttpStatus.OK);
  }

  @Override
  protected String givenACustomerWithAdminAccess() {
    return givenACustomerWithoutAgreement();
  }

  @Override
  protected void givenNoActiveGdapRelationship(String tenantId) {
    sandbox.endGdap(tenantId);
  }

  @Override
  protected void givenGdapWithoutPrivilegedAuthenticationAdministrator(String tenantId) {
    sandbox.gdap(tenantId, List.of(GdapRole.DIRECTORY_READERS, GdapRole.USER_ADMINISTRATOR), true);
  }

  @Override
  protected void givenGdapRolesNotAssignedToTheAgentGroup(String tenantId) {
    sandbox.gdap(tenantId, List.of(GdapRole.DIRECTORY_READERS, GdapRole.PRIVILEGED_AUTHENTICATION_ADMINISTRATOR),
        false);
  }

  @Override
  protected String givenATenantThatIsNotACustomer(String domain) {
    var created = admin.postForEntity("/tenants", Map.of("domain", domain, "companyName", "Fabrikam"), Map.class);
    assertThat(created.getStatusCode()).isEqualTo(HttpStatus.CREATED);
    return (String) created.getBody().get("tenantId");
  }

  @Override
  protected void givenTheCustomerApprovedTheGdapRelationship(String relationshipId) {
    sandbox.approveGdap(relationshipId);
  }
}
