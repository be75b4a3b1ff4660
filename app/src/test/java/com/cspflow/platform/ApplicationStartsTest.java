package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

@CspflowSpringTest
class ApplicationStartsTest {

  @Autowired TestRestTemplate http;
  @Autowired com.cspflow.csp.CspPort csp;
  @Autowired RepositoryService repositoryService;
  @Autowired org.camunda.bpm.engine.ProcessEngine engine;
  @Autowired org.camunda.bpm.engine.FilterService filterService;
  @Autowired TasklistFilters tasklistFilters;

  @Test
  void deploysEveryModelAndEveryForm() throws IOException {
    List<String> deployedResources = repositoryService.createDeploymentQuery().deploymentSource(ProcessModelDeployer.SOURCE)
        .list().stream()
        .flatMap(d -> repositoryService.getDeploymentResourceNames(d.getId()).stream())
        .toList();

    List<String> models = filesIn("bpmn", ".bpmn");
    List<String> forms = filesIn("forms", ".form");
    assertThat(models).isNotEmpty();
    assertThat(deployedResources).containsAll(models).containsAll(forms);
    for (String model : models) {
      assertThat(repositoryService.createProcessDefinitionQuery().list())
          .as("a process definition from %s", model)
          .anySatisfy(definition -> assertThat(definition.getResourceName()).isEqualTo(model));
    }
  }

  @Test
  void servesTasklistCockpitAdminAndTheRestApi() {
    for (String app : List.of("tasklist", "cockpit", "admin")) {
      ResponseEntity<String> page = http.getForEntity("/camunda/app/" + app + "/default/", String.class);
      assertThat(page.getStatusCode()).as(app).isEqualTo(HttpStatus.OK);
      assertThat(page.getBody()).as(app).containsIgnoringCase("<html");
    }
    ResponseEntity<String> engines = http.withBasicAuth("admin", "admin").getForEntity("/engine-rest/engine", String.class);
    assertThat(engines.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(engines.getBody()).contains("\"name\":\"default\"");
  }

  @Test
  void reportsHealthOfDatabaseAndEngineAndPrometheusMetrics() {
    ResponseEntity<String> health = http.withBasicAuth("owner", "owner").getForEntity("/actuator/health", String.class);
    assertThat(health.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(health.getBody()).contains("\"db\"", "\"processEngine\"");
    ResponseEntity<String> metrics = http.withBasicAuth("owner", "owner").getForEntity("/actuator/prometheus",
        String.class);
    assertThat(metrics.getStatusCode()).isEqualTo(HttpStatus.OK);
    assertThat(metrics.getBody()).contains("jvm_memory_used_bytes");
  }

  @Test
  void serverRequestMetricsCountTheApplicationsRequests() {
    assertThat(csp.catalog()).isNotEmpty();
    http.withBasicAuth("backoffice", "backoffice").getForEntity("/api/catalog", String.class);

    String metrics = http.withBasicAuth("owner", "owner").getForEntity("/actuator/prometheus", String.class).getBody();
    assertThat(metrics.lines().filter(line -> line.startsWith("http_server_requests_seconds_count")))
        .anySatisfy(line -> assertThat(line).contains("uri=\"/api/catalog\""));
  }

  @Test
  void everyProcessKeepsHistoryForALimitedTimeAndCleansUpAtNight() {
    assertThat(repositoryService.createProcessDefinitionQuery().list())
        .allSatisfy(definition -> assertThat(definition.getHistoryTimeToLive()).as(definition.getKey()).isPositive());
    var configuration = (org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
        engine.getProcessEngineConfiguration();
    assertThat(configuration.getHistoryCleanupBatchWindowStartTime()).isEqualTo("01:00");
    assertThat(configuration.getHistoryCleanupBatchWindowEndTime()).isEqualTo("05:00");
    assertThat(configuration.isAuthorizationEnabled()).isTrue();
  }

  @Test
  void createsTheBackOfficeTasklistFiltersOnce() {
    var filters = filterService.createFilterQuery().list();
    assertThat(filters).extracting(org.camunda.bpm.engine.filter.Filter::getName)
        .contains("My groups' open tasks", "Failed orders", "Migrations waiting for the customer",
            "Organization details to complete")
        .doesNotHaveDuplicates();
    tasklistFilters.createFilters();
    assertThat(filterService.createFilterQuery().count()).isEqualTo(filters.size());
  }

  /** The files of a folder at the repository's top (bpmn/, forms/), named as they are deployed. */
  private static List<String> filesIn(String folder, String suffix) throws IOException {
    try (Stream<Path> files = Files.list(Path.of("..", folder))) {
      return files.map(f -> folder + "/" + f.getFileName()).filter(n -> n.endsWith(suffix)).sorted().toList();
    }
  }
}
