package com.cspflow.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.repository.DeploymentBuilder;
import org.camunda.bpm.engine.repository.DeploymentWithDefinitions;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.StartEvent;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.ResourcePatternResolver;
import org.springframework.stereotype.Component;

/**
 * Deploys every model in {@code bpmn/} together with the Camunda Forms it references from {@code forms/}.
 *
 * <p>Why not the starter's auto-deployment: it puts all resources into one deployment, so a change to one
 * model either redeploys every process (a new version of each) or, with "changed only", deploys the
 * changed model without its forms, which breaks {@code formRefBinding="deployment"}. One deployment per
 * process, with duplicate filtering, gives exactly what we want: an unchanged restart deploys nothing; a
 * changed model or one of its forms creates one new version of that process only.
 */
@Component
public class ProcessModelDeployer extends AbstractProcessEnginePlugin {

  static final String SOURCE = "cspflow";
  static final String UNREFERENCED_FORMS_DEPLOYMENT = "cspflow-forms";
  private static final Logger LOG = LoggerFactory.getLogger(ProcessModelDeployer.class);

  private final ResourcePatternResolver resources;
  private final String location;
  private final ObjectMapper json = new ObjectMapper();

  /** @param location where bpmn/ and forms/ are found: the classpath, or a folder in tests */
  public ProcessModelDeployer(ResourcePatternResolver resources,
      @Value("${cspflow.models.location:classpath*:}") String location) {
    this.resources = resources;
    this.location = location;
  }

  @Override
  public void postProcessEngineBuild(ProcessEngine engine) {
    Map<String, Resource> formsById = formsById();
    Set<String> referencedForms = new LinkedHashSet<>();
    for (Resource model : find(location + "bpmn/*.bpmn")) {
      byte[] content = bytes(model);
      BpmnModelInstance instance = Bpmn.readModelFromStream(new ByteArrayInputStream(content));
      String processId = instance.getModelElementsByType(Process.class).iterator().next().getId();
      DeploymentBuilder deployment = newDeployment(engine, processId);
      deployment.addInputStream("bpmn/" + model.getFilename(), new ByteArrayInputStream(content));
      for (String formId : formRefs(instance)) {
        Resource form = formsById.get(formId);
        if (form == null) {
          throw new IllegalStateException(model.getFilename() + " references form '" + formId + "' that is not in forms/");
        }
        referencedForms.add(formId);
        addForm(deployment, form);
      }
      deploy(deployment);
    }
    Map<String, Resource> unreferenced = new LinkedHashMap<>(formsById);
    unreferenced.keySet().removeAll(referencedForms);
    if (!unreferenced.isEmpty()) {
      DeploymentBuilder deployment = newDeployment(engine, UNREFERENCED_FORMS_DEPLOYMENT);
      unreferenced.values().forEach(form -> addForm(deployment, form));
      deploy(deployment);
    }
  }

  private DeploymentBuilder newDeployment(ProcessEngine engine, String name) {
    // Duplicate filtering compares with the latest deployment of the same name and source;
    // "false" = if anything in it changed, deploy the whole set again so the forms stay with their process.
    return engine.getRepositoryService().createDeployment().name(name).source(SOURCE).enableDuplicateFiltering(false);
  }

  private void deploy(DeploymentBuilder deployment) {
    DeploymentWithDefinitions result = deployment.deployWithResult();
    LOG.info("Deployment '{}': {}", result.getName(),
        result.getDeployedProcessDefinitions() == null || result.getDeployedProcessDefinitions().isEmpty()
            ? "unchanged" : "new version " + result.getDeployedProcessDefinitions().get(0).getVersion());
  }

  private static Set<String> formRefs(BpmnModelInstance instance) {
    Set<String> refs = new LinkedHashSet<>();
    instance.getModelElementsByType(StartEvent.class).forEach(e -> addIfPresent(refs, e.getCamundaFormRef()));
    instance.getModelElementsByType(UserTask.class).forEach(t -> addIfPresent(refs, t.getCamundaFormRef()));
    return refs;
  }

  private static void addIfPresent(Set<String> refs, String ref) {
    if (ref != null && !ref.isBlank()) {
      refs.add(ref);
    }
  }

  private Map<String, Resource> formsById() {
    Map<String, Resource> forms = new HashMap<>();
    for (Resource form : find(location + "forms/*.form")) {
      try (InputStream in = form.getInputStream()) {
        forms.put(json.readTree(in).path("id").asText(), form);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot read form " + form.getFilename(), e);
      }
    }
    return forms;
  }

  private static void addForm(DeploymentBuilder deployment, Resource form) {
    deployment.addInputStream("forms/" + form.getFilename(), new ByteArrayInputStream(bytes(form)));
  }

  private Resource[] find(String pattern) {
    try {
      return resources.getResources(pattern);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + pattern, e);
    }
  }

  private static byte[] bytes(Resource resource) {
    try (InputStream in = resource.getInputStream()) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource.getFilename(), e);
    }
  }
}
