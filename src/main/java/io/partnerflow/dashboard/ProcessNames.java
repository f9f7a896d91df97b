package io.partnerflow.dashboard;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.springframework.stereotype.Component;

/**
 * The names people know for process keys and BPMN ids ("Customer onboarding", "Review"), from
 * the latest deployed version of each process; a version's BPMN is read once.
 */
@Component
public class ProcessNames {

  private final RepositoryService repository;
  private final Map<String, Map<String, String>> elementNamesByDefinition = new ConcurrentHashMap<>();

  public ProcessNames(RepositoryService repository) {
    this.repository = repository;
  }

  /** The names as deployed now (one query; use it for a whole page). */
  Names now() {
    Map<String, ProcessDefinition> latest = new HashMap<>();
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      latest.put(definition.getKey(), definition);
    }
    return new Names(latest);
  }

  /** Names of the processes deployed at one moment. */
  final class Names {
    private final Map<String, ProcessDefinition> latest;

    private Names(Map<String, ProcessDefinition> latest) {
      this.latest = latest;
    }

    String process(String key) {
      ProcessDefinition definition = latest.get(key);
      return definition == null || definition.getName() == null ? key : definition.getName();
    }

    /** The name of a BPMN element (task, end event) of a process, or its id when it has none. */
    String element(String processKey, String elementId) {
      ProcessDefinition definition = latest.get(processKey);
      if (elementId == null || definition == null) {
        return elementId == null ? "" : elementId;
      }
      String name = elementNamesByDefinition.computeIfAbsent(definition.getId(), ProcessNames.this::elementNames)
          .get(elementId);
      return name == null || name.isBlank() ? elementId : name;
    }

    Integer historyTimeToLiveDays(String processKey) {
      ProcessDefinition definition = latest.get(processKey);
      return definition == null ? null : definition.getHistoryTimeToLive();
    }
  }

  private Map<String, String> elementNames(String definitionId) {
    Map<String, String> names = new HashMap<>();
    for (FlowElement element : repository.getBpmnModelInstance(definitionId).getModelElementsByType(FlowElement.class)) {
      if (element.getName() != null) {
        names.put(element.getId(), element.getName().replaceAll("\\s+", " ").strip());
      }
    }
    return names;
  }
}
