package io.partnerflow.operations;

import java.util.Collection;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.EndEvent;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Registers the started and ended counters of every deployed process and each of its top-level end
 * events at 0 when the application starts: Prometheus' {@code increase()} misses the first event
 * of a series that did not exist before it, and the dashboard shows every end event from the start.
 * When ready, because the process application deploys after the meter binders run.
 */
@Component
class DeployedProcessCounters {

  private final RepositoryService repository;
  private final ProcessEventCounters counters;

  DeployedProcessCounters(RepositoryService repository, ProcessEventCounters counters) {
    this.repository = repository;
    this.counters = counters;
  }

  @EventListener(ApplicationReadyEvent.class)
  void registerDeployed() {
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().latestVersion().list()) {
      counters.startedCounter(definition.getKey());
      BpmnModelInstance model = repository.getBpmnModelInstance(definition.getId());
      Collection<EndEvent> endEvents = model.getModelElementsByType(EndEvent.class);
      for (EndEvent end : endEvents) {
        // only end events directly in the process can end the instance (not those in subprocesses)
        if (end.getParentElement() instanceof Process) {
          counters.endedCounter(definition.getKey(), end.getId());
        }
      }
    }
  }
}
