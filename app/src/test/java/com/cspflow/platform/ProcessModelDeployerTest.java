package com.cspflow.platform;

import static org.assertj.core.api.Assertions.assertThat;

import com.cspflow.CspflowSpringTest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

@CspflowSpringTest
class ProcessModelDeployerTest {

  static final String PROBE = "deployerProbe";

  @Autowired ProcessEngine engine;
  @Autowired RepositoryService repositoryService;
  @Autowired ProcessModelDeployer deployer;
  @TempDir Path models;

  @AfterEach
  void removeProbe() {
    repositoryService.createDeploymentQuery().deploymentName(PROBE).list()
        .forEach(d -> repositoryService.deleteDeployment(d.getId(), true));
  }

  @Test
  void aRestartWithUnchangedModelsDeploysNothing() {
    long deployments = repositoryService.createDeploymentQuery().count();
    long definitions = repositoryService.createProcessDefinitionQuery().count();

    deployer.postProcessEngineBuild(engine);

    assertThat(repositoryService.createDeploymentQuery().count()).isEqualTo(deployments);
    assertThat(repositoryService.createProcessDefinitionQuery().count()).isEqualTo(definitions);
  }

  @Test
  void aChangedModelBecomesOneNewVersionWithItsForms() throws IOException {
    Path bpmn = Files.createDirectories(models.resolve("bpmn")).resolve(PROBE + ".bpmn");
    Files.createDirectories(models.resolve("forms"));
    for (String form : new String[] {"new-organization.form", "complete-organization-details.form"}) {
      Files.copy(Path.of("../forms", form), models.resolve("forms").resolve(form));
    }
    String original = Files.readString(Path.of("../bpmn/customerOnboarding.bpmn"))
        .replace("id=\"customerOnboarding\"", "id=\"" + PROBE + "\"")
        .replace("bpmnElement=\"customerOnboarding\"", "bpmnElement=\"" + PROBE + "\"");
    Files.writeString(bpmn, original);
    ProcessModelDeployer fromFolder =
        new ProcessModelDeployer(new PathMatchingResourcePatternResolver(), "file:" + models + "/");

    fromFolder.postProcessEngineBuild(engine);
    fromFolder.postProcessEngineBuild(engine);
    assertThat(versions()).isEqualTo(1);
    assertThat(repositoryService.createDeploymentQuery().deploymentName(PROBE).count()).isEqualTo(1);

    Files.writeString(bpmn, original.replace("name=\"Register organization\"", "name=\"Register the organization\""));
    long otherDefinitions = repositoryService.createProcessDefinitionQuery().count() - versions();
    fromFolder.postProcessEngineBuild(engine);

    assertThat(versions()).isEqualTo(2);
    assertThat(repositoryService.createProcessDefinitionQuery().count() - versions()).isEqualTo(otherDefinitions);
    String newest = repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROBE).latestVersion()
        .singleResult().getDeploymentId();
    assertThat(repositoryService.getDeploymentResourceNames(newest))
        .containsExactlyInAnyOrder("bpmn/" + PROBE + ".bpmn", "forms/new-organization.form",
            "forms/complete-organization-details.form");
  }

  private long versions() {
    return repositoryService.createProcessDefinitionQuery().processDefinitionKey(PROBE).count();
  }
}
