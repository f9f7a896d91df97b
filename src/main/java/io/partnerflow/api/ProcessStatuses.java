package io.partnerflow.api;

import io.partnerflow.api.ProcessStatus.EndEvent;
import io.partnerflow.api.ProcessStatus.Step;
import io.partnerflow.api.ProcessStatus.Timer;
import io.partnerflow.api.ProcessStatus.Waiting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.management.JobDefinition;
import org.camunda.bpm.engine.runtime.ActivityInstance;
import org.camunda.bpm.engine.runtime.EventSubscription;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.TransitionInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.task.IdentityLinkType;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.xml.instance.ModelElementInstance;
import org.springframework.stereotype.Component;

/**
 * Reads a {@link ProcessStatus} with the engine's services, as the current user: what that user
 * may not read is not found.
 */
@Component
public class ProcessStatuses {

  /** Variables that name the customer an instance created or found, in order of preference. */
  static final List<String> CUSTOMER_VARIABLES = List.of("customerId", "existingCustomerId", "relationshipCustomerId");

  private final HistoryService historyService;
  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final RepositoryService repositoryService;

  public ProcessStatuses(HistoryService historyService, RuntimeService runtimeService, TaskService taskService,
      ManagementService managementService, RepositoryService repositoryService) {
    this.historyService = historyService;
    this.runtimeService = runtimeService;
    this.taskService = taskService;
    this.managementService = managementService;
    this.repositoryService = repositoryService;
  }

  /** The status of an instance of process {@code processDefinitionKey}, if there is one with that id. */
  public Optional<ProcessStatus> find(String processDefinitionKey, String processInstanceId) {
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).processDefinitionKey(processDefinitionKey).singleResult();
    if (instance == null) {
      return Optional.empty();
    }
    BpmnModelInstance model = repositoryService.getBpmnModelInstance(instance.getProcessDefinitionId());
    List<Step> steps = List.of();
    if (instance.getEndTime() == null) {
      ActivityInstance tree = runtimeService.getActivityInstance(processInstanceId);
      if (tree != null) {
        steps = steps(tree, instance, model);
      }
    }
    EndEvent endEvent = instance.getEndActivityId() == null ? null
        : new EndEvent(instance.getEndActivityId(), name(model, instance.getEndActivityId()));
    return Optional.of(new ProcessStatus(instance.getId(), instance.getProcessDefinitionKey(), instance.getState(),
        instant(instance.getStartTime()), instance.getStartUserId(), instant(instance.getEndTime()), steps, endEvent,
        customerId(processInstanceId)));
  }

  private List<Step> steps(ActivityInstance tree, HistoricProcessInstance instance, BpmnModelInstance model) {
    String processInstanceId = instance.getId();
    List<Job> jobs = managementService.createJobQuery().processInstanceId(processInstanceId).list();
    Map<String, JobDefinition> jobDefinitions = managementService.createJobDefinitionQuery()
        .processDefinitionId(instance.getProcessDefinitionId()).list().stream()
        .collect(Collectors.toMap(JobDefinition::getId, Function.identity()));
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(processInstanceId).list();
    List<EventSubscription> subscriptions = runtimeService.createEventSubscriptionQuery()
        .processInstanceId(processInstanceId).list();

    List<Step> steps = new ArrayList<>();
    collect(tree, true, steps, jobs, jobDefinitions, tasks, subscriptions, model);
    return steps;
  }

  private void collect(ActivityInstance activity, boolean root, List<Step> steps, List<Job> jobs,
      Map<String, JobDefinition> jobDefinitions, List<Task> tasks, List<EventSubscription> subscriptions,
      BpmnModelInstance model) {
    for (TransitionInstance transition : activity.getChildTransitionInstances()) {
      Job job = jobs.stream().filter(j -> transition.getExecutionId().equals(j.getExecutionId())
          && !isTimer(j, jobDefinitions)).findFirst().orElse(null);
      Waiting waiting = job == null
          ? new Waiting("job", "system (async step)", null, null, null, null, null, null, null)
          : new Waiting("job", "system (async step)", null, null, null, null, instant(job.getDuedate()),
              job.getRetries(), job.getExceptionMessage());
      String activityName = transition.getActivityName() != null ? transition.getActivityName()
          : name(model, transition.getActivityId());
      steps.add(new Step(transition.getActivityId(), activityName, transition.getActivityType(), waiting, List.of()));
    }
    boolean leaf = activity.getChildActivityInstances().length == 0
        && activity.getChildTransitionInstances().length == 0;
    if (leaf && !root) {
      steps.add(step(activity, jobs, jobDefinitions, tasks, subscriptions, model));
    }
    for (ActivityInstance child : activity.getChildActivityInstances()) {
      collect(child, false, steps, jobs, jobDefinitions, tasks, subscriptions, model);
    }
  }

  private Step step(ActivityInstance activity, List<Job> jobs, Map<String, JobDefinition> jobDefinitions,
      List<Task> tasks, List<EventSubscription> subscriptions, BpmnModelInstance model) {
    Set<String> executions = Set.of(activity.getExecutionIds());
    Waiting waiting = null;
    Task task = tasks.stream().filter(t -> executions.contains(t.getExecutionId())
        && activity.getActivityId().equals(t.getTaskDefinitionKey())).findFirst().orElse(null);
    if (task != null) {
      waiting = userTask(task);
    }
    List<Timer> timers = new ArrayList<>();
    for (Job job : jobs) {
      if (!executions.contains(job.getExecutionId())) {
        continue;
      }
      JobDefinition definition = jobDefinitions.get(job.getJobDefinitionId());
      String jobActivity = definition == null ? null : definition.getActivityId();
      if (isTimer(job, jobDefinitions)) {
        if (activity.getActivityId().equals(jobActivity) && waiting == null) {
          waiting = new Waiting("timer", "timer", null, null, null, null, instant(job.getDuedate()), null, null);
        } else {
          timers.add(new Timer(jobActivity, jobActivity == null ? null : name(model, jobActivity),
              instant(job.getDuedate())));
        }
      } else if (waiting == null) {
        waiting = new Waiting("job", "system (async step)", null, null, null, null, instant(job.getDuedate()),
            job.getRetries(), job.getExceptionMessage());
      }
    }
    if (waiting == null) {
      waiting = subscriptions.stream()
          .filter(s -> executions.contains(s.getExecutionId()) && activity.getActivityId().equals(s.getActivityId()))
          .findFirst()
          .map(s -> new Waiting(s.getEventType(), s.getEventType() + " " + s.getEventName(), null, null, null, null,
              null, null, null))
          .orElse(null);
    }
    if (waiting == null) {
      waiting = new Waiting("other", activity.getActivityType(), null, null, null, null, null, null, null);
    }
    String activityName = activity.getActivityName() != null ? activity.getActivityName()
        : name(model, activity.getActivityId());
    return new Step(activity.getActivityId(), activityName, activity.getActivityType(), waiting, List.copyOf(timers));
  }

  private Waiting userTask(Task task) {
    List<IdentityLink> links = taskService.getIdentityLinksForTask(task.getId());
    List<String> groups = links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .map(IdentityLink::getGroupId).filter(g -> g != null).distinct().toList();
    List<String> users = links.stream().filter(l -> IdentityLinkType.CANDIDATE.equals(l.getType()))
        .map(IdentityLink::getUserId).filter(u -> u != null).distinct().toList();
    String who;
    if (task.getAssignee() != null) {
      who = "user " + task.getAssignee();
    } else if (!groups.isEmpty() || !users.isEmpty()) {
      List<String> parts = new ArrayList<>();
      groups.forEach(g -> parts.add("group " + g));
      users.forEach(u -> parts.add("user " + u));
      who = String.join(" or ", parts);
    } else {
      who = "anyone allowed to work the task";
    }
    return new Waiting("user-task", who, groups, users, task.getAssignee(), task.getId(), instant(task.getDueDate()),
        null, null);
  }

  private static boolean isTimer(Job job, Map<String, JobDefinition> jobDefinitions) {
    JobDefinition definition = jobDefinitions.get(job.getJobDefinitionId());
    return definition != null && definition.getJobType() != null && definition.getJobType().startsWith("timer");
  }

  private String customerId(String processInstanceId) {
    Map<String, Object> values = historyService.createHistoricVariableInstanceQuery()
        .processInstanceIdIn(processInstanceId)
        .variableNameIn(CUSTOMER_VARIABLES.toArray(String[]::new))
        .disableCustomObjectDeserialization()
        .list().stream()
        .filter(v -> v.getValue() instanceof String s && !s.isBlank())
        .collect(Collectors.toMap(HistoricVariableInstance::getName, HistoricVariableInstance::getValue, (a, b) -> a));
    return CUSTOMER_VARIABLES.stream().map(values::get).filter(v -> v != null).map(Object::toString)
        .findFirst().orElse(null);
  }

  private static String name(BpmnModelInstance model, String elementId) {
    if (model == null || elementId == null) {
      return null;
    }
    ModelElementInstance element = model.getModelElementById(elementId);
    return element instanceof FlowElement flowElement ? flowElement.getName() : null;
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }
}
