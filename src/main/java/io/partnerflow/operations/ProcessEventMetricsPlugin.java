package io.partnerflow.operations;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.ProcessDefinitionEntity;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.springframework.stereotype.Component;

/**
 * Adds a start and an end listener to every process definition as it is parsed, feeding
 * {@link ProcessEventCounters}. Built-in listeners, so "skip custom listeners" (Cockpit's cancel,
 * instance modification) does not skip the count. Each count is taken when the engine's
 * transaction commits: a step that rolls back (and is retried) counts nothing.
 */
@Component
public class ProcessEventMetricsPlugin extends AbstractProcessEnginePlugin {

  private final ProcessEventCounters counters;

  public ProcessEventMetricsPlugin(ProcessEventCounters counters) {
    this.counters = counters;
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<BpmnParseListener> listeners = configuration.getCustomPostBPMNParseListeners() == null
        ? new ArrayList<>() : new ArrayList<>(configuration.getCustomPostBPMNParseListeners());
    listeners.add(new CountingParseListener(counters));
    configuration.setCustomPostBPMNParseListeners(listeners);
  }

  static final class CountingParseListener extends AbstractBpmnParseListener {

    private final ProcessEventCounters counters;

    CountingParseListener(ProcessEventCounters counters) {
      this.counters = counters;
    }

    @Override
    public void parseProcess(Element processElement, ProcessDefinitionEntity processDefinition) {
      String key = processDefinition.getKey();
      processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_START,
          (ExecutionListener) execution -> afterCommit(() -> counters.started(key)));
      processDefinition.addBuiltInListener(ExecutionListener.EVENTNAME_END,
          (ExecutionListener) execution -> {
            String endEvent = endEventOf(execution);
            afterCommit(() -> counters.ended(key, endEvent));
          });
    }
  }

  /**
   * The end event the instance ended at: when a process instance ends, its execution still stands
   * on that activity (the engine's history takes its end activity from there too).
   */
  static String endEventOf(DelegateExecution execution) {
    if (!execution.isCanceled() && execution instanceof ExecutionEntity entity) {
      ActivityImpl activity = entity.getActivity();
      Object type = activity == null ? null : activity.getProperty("type");
      if (type instanceof String name && name.endsWith("EndEvent")) {
        return activity.getId();
      }
    }
    return ProcessEventCounters.DELETED;
  }

  private static void afterCommit(Runnable count) {
    CommandContext command = Context.getCommandContext();
    if (command == null) {
      count.run();
      return;
    }
    command.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, context -> count.run());
  }
}
