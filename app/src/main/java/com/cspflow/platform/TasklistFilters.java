package com.cspflow.platform;

import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.stereotype.Component;

/**
 * The back office's Tasklist filters, created once (by name) so that staff start with the views they work
 * from. Their READ permission comes with the backoffice group ({@link IdentityBootstrap}).
 */
@Component
public class TasklistFilters {

  private final FilterService filterService;
  private final TaskService taskService;

  public TasklistFilters(FilterService filterService, TaskService taskService) {
    this.filterService = filterService;
    this.taskService = taskService;
  }

  public void createFilters() {
    create("My groups' open tasks", "Every open task of the groups you are in", -10, "#2d7dd2",
        taskService.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}")
            .includeAssignedTasks());
    create("Organization details to complete", "Organizations that need an address or contact", 0, "#f2a541",
        taskService.createTaskQuery().taskDefinitionKey("Task_CompleteOrganizationDetails"));
    create("Failed orders", "Orders Microsoft refused or that stayed pending too long", 0, "#d1495b",
        taskService.createTaskQuery().taskDefinitionKeyIn("Task_HandleFailedOrder", "Task_InvestigatePendingOrder"));
    create("Migrations waiting for the customer", "Customers who have not accepted the reseller relationship",
        0, "#97cc04", taskService.createTaskQuery().taskDefinitionKey("Task_DecideOnMigration"));
  }

  private void create(String name, String description, int priority, String color, TaskQuery query) {
    if (filterService.createFilterQuery().filterName(name).count() > 0) {
      return;
    }
    Filter filter = filterService.newTaskFilter(name);
    filter.setQuery(query);
    filter.setProperties(Map.of("description", description, "priority", priority, "color", color,
        "refresh", true));
    filterService.saveFilter(filter);
  }
}
