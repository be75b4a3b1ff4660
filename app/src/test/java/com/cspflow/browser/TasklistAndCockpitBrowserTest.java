package com.cspflow.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import com.cspflow.credentials.AdminCredentialsService;
import com.cspflow.credentials.CredentialsAttempt;
import com.cspflow.credentials.DeadNodeMidSend;
import com.cspflow.onboarding.Organization;
import com.cspflow.onboarding.OrganizationRepository;
import com.cspflow.ordering.OrderRepository;
import com.cspflow.ordering.SubscriptionOrder;
import com.cspflow.support.Fixtures;
import com.cspflow.support.Fixtures.Customer;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * Issue 8: the back office and the process owners use the web apps, in a real browser. A back-office user
 * starts a customer onboarding from its start form in Tasklist with the street left out; a process owner sees
 * the instance in Cockpit, waiting for the back office; the back office claims "Complete organization details"
 * and completes the address through the task's form, and the organization is stored complete.
 *
 * <p>Cockpit is looked at before the task is completed: the Community Edition's Cockpit shows running
 * instances only, and an onboarding whose address is complete has ended.
 *
 * <p>Each step leaves a screenshot in target/browser-screenshots for a reviewer.
 */
@CspflowSpringTest
class TasklistAndCockpitBrowserTest {

  /** Tasklist's task list once loaded: its tasks, or the note that there are none. */
  private static final By TASK_LIST_LOADED = By.xpath(
      "//a[contains(@href, '?task=')] | //*[text()[contains(., 'No task matching filters found')]]");
  private static final By START_PROCESS = By.cssSelector(".start-process-action a");
  private static final By START_BUTTON = By.cssSelector("button[ng-click='startProcessInstance()']");
  private static final By CLAIM_BUTTON = By.cssSelector("button.claim");
  private static final By COMPLETE_BUTTON = By.cssSelector("button[ng-click='complete()']");

  @RegisterExtension final Chromium browser = new Chromium();

  static final String BUSINESS_BASIC = "CFQ7TTC0LH18:0001:CFQ7TTC09644";

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;
  @Autowired OrganizationRepository organizations;
  @Autowired Fixtures fixtures;
  @Autowired OrderRepository orders;
  @Autowired IdentityService identityService;
  @Autowired ManagementService managementService;
  @Autowired AdminCredentialsService credentials;
  @Autowired PlatformTransactionManager transactions;
  @Autowired DataSource dataSource;

  @Test
  void theBackOfficeCompletesAMissingStreetInTasklistWhileAProcessOwnerWatchesInCockpit() {
    String organizationName = "Fabrikam " + UUID.randomUUID().toString().substring(0, 8);
    Map<String, String> withoutStreet = new LinkedHashMap<>();
    withoutStreet.put("partnerId", fixtures.activePartner());
    withoutStreet.put("organizationName", organizationName);
    withoutStreet.put("contactFirstName", "Anna");
    withoutStreet.put("contactLastName", "Andersson");
    withoutStreet.put("contactEmail", "anna@fabrikam.example");
    withoutStreet.put("contactPhone", "+46 8 123 456");
    withoutStreet.put("postalCode", "111 51");
    withoutStreet.put("city", "Stockholm");
    withoutStreet.put("country", "SE");

    signIn("tasklist", "backoffice");
    browser.visible(By.xpath("//*[text()[contains(., \"My groups' open tasks\")]]"));
    browser.anyVisible(TASK_LIST_LOADED);
    browser.screenshot("01-tasklist-signed-in-as-backoffice");

    browser.click(START_PROCESS);
    browser.type(By.cssSelector("input[ng-model='page.searchValue']"), "New organization");
    browser.click(By.linkText("New organization"));
    withoutStreet.forEach((key, value) -> browser.type(formField(key), value));
    assertThat(browser.scrollTo(formField("street")).getDomProperty("value")).isEmpty();
    browser.screenshot("02-tasklist-start-form-without-street");
    browser.click(START_BUTTON);
    browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(START_BUTTON));
    browser.visible(By.xpath("//*[text()[contains(., 'The process has been started')]]"));

    ProcessInstance onboarding = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey("customerOnboarding").variableValueEquals("organizationName", organizationName)
        .singleResult();
    assertThat(onboarding).as("the onboarding started from the form, waiting for the back office").isNotNull();
    Task task = taskService.createTaskQuery().processInstanceId(onboarding.getId()).singleResult();
    assertThat(task.getTaskDefinitionKey()).isEqualTo("Task_CompleteOrganizationDetails");
    String organizationId = onboarding.getBusinessKey();
    By taskLink = By.cssSelector("a[href*='task=" + task.getId() + "']");
    browser.visible(taskLink);
    browser.screenshot("03-tasklist-onboarding-started-task-listed");

    signOut();
    signIn("cockpit", "owner");
    browser.open(app("cockpit") + "#/process-definition/" + onboarding.getProcessDefinitionId() + "/runtime");
    By instanceLink = By.cssSelector("a[title='" + onboarding.getId() + "']");
    browser.visible(instanceLink);
    browser.visible(tokenCountAt("Task_CompleteOrganizationDetails"));
    browser.screenshot("04-cockpit-new-organization-lists-the-instance");
    browser.click(instanceLink);
    browser.visible(By.xpath("//span[contains(@class, 'text') and normalize-space() = '" + onboarding.getId() + "']"));
    assertThat(browser.visible(tokenCountAt("Task_CompleteOrganizationDetails")).getText()).isEqualTo("1");
    browser.screenshot("05-cockpit-instance-waits-at-complete-organization-details");

    signOut();
    signIn("tasklist", "backoffice");
    browser.click(taskLink);
    browser.click(CLAIM_BUTTON);
    browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(CLAIM_BUTTON));
    browser.type(formField("street"), "Drottninggatan 1");
    assertThat(browser.visible(formField("organizationName")).getDomProperty("value")).isEqualTo(organizationName);
    browser.screenshot("06-tasklist-task-claimed-street-entered");
    browser.click(COMPLETE_BUTTON);
    browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(taskLink));
    browser.visible(By.xpath("//*[text()[contains(., 'Select a task in the list')]]"));
    browser.screenshot("07-tasklist-task-completed");

    Organization stored = organizations.find(organizationId).orElseThrow();
    assertThat(stored.detailsComplete()).isTrue();
    assertThat(stored.details().street()).isEqualTo("Drottninggatan 1");
    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(onboarding.getId())
        .completed().count()).as("the onboarding has ended").isEqualTo(1);
  }

  @Test
  void aProcessOwnerReadsTheOrderDiagramInCockpit() {
    Fixtures.Customer customer = fixtures.activeCustomer("Litware " + UUID.randomUUID().toString().substring(0, 8));
    ProcessInstance order = runtimeService.startProcessInstanceByKey("subscriptionOrder", Map.of(
        "organizationId", customer.organizationId(), "category", "Corporate", "productGroup", "Microsoft 365",
        "catalogItemId", "CFQ7TTC0LH18:0001:CFQ7TTC09644", "quantity", 3, "termDuration", "P1Y"));

    signIn("cockpit", "owner");
    browser.open(app("cockpit") + "#/process-definition/" + order.getProcessDefinitionId() + "/runtime");
    browser.visible(By.cssSelector("a[title='" + order.getId() + "']"));
    assertThat(Integer.parseInt(browser.visible(tokenCountAt("Task_PlaceOrder")).getText()))
        .as("orders waiting to be placed, this one among them").isPositive();
    for (String element : List.of("Gateway_Provisioned", "Task_NotifyPartner", "Task_HandleFailedOrder",
        "TimerEvent_WaitBeforeNextCheck", "BoundaryEvent_PendingLimit", "EndEvent_OrderCancelled")) {
      assertThat(browser.driver().findElements(By.cssSelector("g[data-element-id='" + element + "']")))
          .as("the diagram draws %s", element).isNotEmpty();
    }
    browser.screenshot("08-cockpit-order-subscription-diagram");
  }

  @Test
  void theBackOfficeOrdersFromTodaysCatalogInTasklistAtThePartnersPrice() throws Exception {
    Customer customer = fixtures.activeCustomer("Litware AB");

    signIn("tasklist", "backoffice");
    browser.anyVisible(TASK_LIST_LOADED);
    browser.click(START_PROCESS);
    browser.type(By.cssSelector("input[ng-model='page.searchValue']"), "Order from the catalog");
    browser.click(By.linkText("Order from the catalog"));
    browser.type(formField("organizationId"), customer.organizationId());
    browser.click(START_BUTTON);
    browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(START_BUTTON));

    ProcessInstance ordering = runtimeService.createProcessInstanceQuery().processDefinitionKey("orderFromCatalog")
        .processInstanceBusinessKey(customer.organizationId()).singleResult();
    Task choose = taskService.createTaskQuery().processInstanceId(ordering.getId()).singleResult();
    By taskLink = By.cssSelector("a[href*='task=" + choose.getId() + "']");
    browser.click(taskLink);
    browser.click(CLAIM_BUTTON);
    browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(CLAIM_BUTTON));
    choose("category", "Corporate");
    choose("productGroup", "Microsoft 365");
    choose("catalogItemId", "Microsoft 365 Business Basic (1-300 seats)");
    tick("termDuration", "1 year");
    tick("billingCycle", "Billed annually");
    browser.type(formField("quantity"), "12");
    OrderChoicesShown shown = shownPrice(ordering);
    browser.scrollTo(By.xpath("//*[contains(@class, 'fjs-form-field-text')]//strong[normalize-space() = "
        + "\"The partner's price: " + shown.monthlyAmount() + " EUR a month\"]"));
    browser.screenshot("09-tasklist-choose-product-from-the-catalog-with-the-partners-price");
    browser.click(COMPLETE_BUTTON);
    browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(taskLink));

    String orderId = (String) historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(ordering.getId()).variableName("orderId").singleResult().getValue();
    SubscriptionOrder order = orders.find(orderId).orElseThrow();
    assertThat(order.catalogItemId()).isEqualTo(BUSINESS_BASIC);
    assertThat(order.quantity()).isEqualTo(12);
    assertThat(order.termDuration()).isEqualTo("P1Y");
    assertThat(order.billingCycle()).isEqualTo("annual");
    assertThat(order.requestedBy()).isEqualTo("backoffice");
    assertThat(order.price().monthlyAmount()).as("what the form showed").isEqualByComparingTo(shown.monthlyAmount());
  }

  /**
   * A node died after the mail server took the customer's admin password and before it heard back: the back office
   * reads in Tasklist what happened and to whom, asks the recipient, and answers that the mail arrived.
   */
  @Test
  void theBackOfficeAnswersInTasklistWhetherAPasswordMailOfUnknownDeliveryArrived() {
    String name = "Handover " + UUID.randomUUID().toString().substring(0, 8);
    Customer customer = fixtures.activeCustomer(name);
    String to = "it-" + customer.organizationId().substring(0, 8) + "@customer.example";
    identityService.setAuthentication("backoffice", List.of("backoffice"));
    ProcessInstance request;
    try {
      request = runtimeService.startProcessInstanceByKey("adminCredentials", Map.of(
          "organizationId", customer.organizationId(), "recipientEmail", to));
    } finally {
      identityService.clearAuthentication();
    }
    managementService.executeJob(managementService.createJobQuery().processInstanceId(request.getId())
        .singleResult().getId());
    DeadNodeMidSend.leave(credentials, transactions, dataSource, customer.organizationId(), request.getId());
    fixtures.runJobs(request.getId());
    Task ask = taskService.createTaskQuery().processInstanceId(request.getId()).singleResult();
    assertThat(ask.getTaskDefinitionKey()).isEqualTo("Task_AskWhetherPasswordArrived");

    signIn("tasklist", "backoffice");
    By taskLink = By.cssSelector("a[href*='task=" + ask.getId() + "']");
    browser.click(taskLink);
    browser.click(CLAIM_BUTTON);
    browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(CLAIM_BUTTON));
    assertThat(browser.visible(formField("deliveryQuestion")).getDomProperty("value"))
        .contains(to, "may have arrived", "Ask the recipient");
    tick("arrival", "It arrived");
    browser.screenshot("10-tasklist-ask-whether-the-password-arrived");
    browser.click(COMPLETE_BUTTON);
    browser.waitUntil(ExpectedConditions.invisibilityOfElementLocated(taskLink));

    assertThat(historyService.createHistoricProcessInstanceQuery().processInstanceId(request.getId()).completed()
        .count()).as("the request has ended").isEqualTo(1);
    assertThat(historyService.createHistoricActivityInstanceQuery().processInstanceId(request.getId())
        .activityId("EndEvent_PasswordArrived").count()).isEqualTo(1);
    assertThat(credentials.issue(customer.organizationId()).orElseThrow().sent()).isTrue();
    assertThat(credentials.attempts(customer.organizationId())).extracting(CredentialsAttempt::outcome)
        .containsExactly(CredentialsAttempt.Outcome.DELIVERY_UNKNOWN, CredentialsAttempt.Outcome.CONFIRMED_ARRIVED);
  }

  private record OrderChoicesShown(java.math.BigDecimal monthlyAmount) {}

  /** What 12 seats of Business Basic, a year billed annually, cost the partner a month, from the task's choices. */
  private OrderChoicesShown shownPrice(ProcessInstance ordering) throws Exception {
    var plans = new com.fasterxml.jackson.databind.ObjectMapper().readTree(
        runtimeService.getVariableTyped(ordering.getId(), "billingPlans", false).getValue().toString());
    for (var plan : plans) {
      if (plan.get("ofProduct").asText().equals(BUSINESS_BASIC) && plan.get("ofTerm").asText().equals("P1Y")
          && plan.get("value").asText().equals("annual")) {
        return new OrderChoicesShown(plan.get("seatMonthly").decimalValue().multiply(java.math.BigDecimal.valueOf(12))
            .setScale(2));
      }
    }
    throw new AssertionError("no choice of Business Basic for a year billed annually");
  }

  /** Clicks the element once scrolled to the middle of the view, clear of Tasklist's footer. */
  private void clickInView(By locator) {
    browser.scrollTo(locator);
    browser.click(locator);
  }

  /** Picks an option of a Camunda Forms select: its display opens the list, the option is clicked by its text. */
  private void choose(String key, String option) {
    clickInView(By.cssSelector(".fjs-form [id$='-Field_" + key + "-display']"));
    clickInView(By.xpath("//*[contains(@class, 'fjs-dropdownlist-item') and normalize-space() = '" + option
        + "']"));
  }

  /** Ticks the radio button of a Camunda Forms radio group whose label starts with the text. */
  private void tick(String key, String labelStart) {
    clickInView(By.xpath("//label[starts-with(@for, 'fjs-form-') and contains(@for, '-Field_" + key + "-')"
        + " and starts-with(normalize-space(), '" + labelStart + "')]"));
  }

  /**
   * Signs in through the webapp's login form. A login sent while the freshly opened app is still starting (before
   * it holds its CSRF token) is refused as "Login Failed"; the form is then loaded anew and sent again, after the
   * few seconds Camunda's login throttling makes a user wait after a refusal. A page whose scripts did not load (no
   * login form within the wait) is loaded anew. Wrong credentials fail every time.
   */
  private void signIn(String app, String user) {
    By username = By.cssSelector("input[ng-model='username']");
    By refused = By.xpath("//*[text()[contains(., 'Login Failed')]]");
    for (int attempt = 1; ; attempt++) {
      browser.open(app(app));
      try {
        browser.type(username, user);
      } catch (org.openqa.selenium.TimeoutException notBootstrapped) {
        // Once, on PostgreSQL in CI, Cockpit's scripts did not arrive and the page stayed its bare template: the
        // page is loaded anew, as a person would.
        assertThat(attempt).as("%s shows its login form", app).isLessThan(3);
        continue;
      }
      browser.type(By.cssSelector("input[ng-model='password']"), user);
      browser.click(By.cssSelector("button[type='submit']"));
      String outcome = browser.waitUntil(driver -> driver.findElements(username).isEmpty() ? "signed in"
          : driver.findElements(refused).stream().anyMatch(WebElement::isDisplayed) ? "refused" : null);
      if (outcome.equals("signed in")) {
        return;
      }
      assertThat(attempt).as("%s signs in to %s", user, app).isLessThan(3);
      sleepSeconds(5);
    }
  }

  private static void sleepSeconds(int seconds) {
    try {
      Thread.sleep(seconds * 1000L);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private void signOut() {
    browser.driver().manage().deleteAllCookies();
  }

  private String app(String name) {
    return "http://localhost:" + port + "/camunda/app/" + name + "/default/";
  }

  /** The badge on a BPMN element in Cockpit's diagram that counts the instances waiting there. */
  private static By tokenCountAt(String activityId) {
    return By.cssSelector(".djs-overlays[data-container-id='" + activityId + "'] .instance-count");
  }

  /** A Camunda Forms (form-js) field; form-js prefixes the id of the form's component with a generated one. */
  private static By formField(String key) {
    return By.cssSelector(".fjs-form [id$='-Field_" + key + "']");
  }
}
