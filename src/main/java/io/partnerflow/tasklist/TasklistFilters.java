package io.partnerflow.tasklist;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.sql.init.dependency.DependsOnDatabaseInitialization;
import org.springframework.stereotype.Component;

/**
 * Tasklist's "All tasks" filter, with the company and domain on every task card: two onboardings
 * are otherwise two identical "Review" cards. Created when missing; an existing filter of that name
 * (e.g. from an older version, or the starter's default) gets the variables added, nothing else.
 */
@Component
@DependsOnDatabaseInitialization
public class TasklistFilters implements InitializingBean {

  public static final String ALL_TASKS = "All tasks";

  /** Variables every process of ours with a human step sets, in the order the cards list them. */
  static final List<Map<String, String>> CARD_VARIABLES = List.of(
      Map.of("name", "companyName", "label", "Company"),
      Map.of("name", "domainPrefix", "label", "Domain prefix"));

  private final FilterService filterService;
  private final TaskService taskService;

  public TasklistFilters(ProcessEngine processEngine) {
    this.filterService = processEngine.getFilterService();
    this.taskService = processEngine.getTaskService();
  }

  @Override
  public void afterPropertiesSet() {
    Filter filter = filterService.createFilterQuery().filterName(ALL_TASKS).list().stream().findFirst()
        .orElseGet(() -> filterService.newTaskFilter(ALL_TASKS).setQuery(taskService.createTaskQuery()));
    Map<String, Object> properties =
        filter.getProperties() == null ? new LinkedHashMap<>() : new LinkedHashMap<>(filter.getProperties());
    if (CARD_VARIABLES.equals(properties.get("variables")) && filter.getId() != null) {
      return;
    }
    properties.putIfAbsent("description", "Every task you may see: yours, your groups' and unassigned ones");
    properties.putIfAbsent("priority", -10);
    properties.putIfAbsent("refresh", true);
    properties.put("showUndefinedVariable", false);
    properties.put("variables", CARD_VARIABLES);
    filterService.saveFilter(filter.setProperties(properties));
  }
}
