package io.partnerflow.process;

import static io.partnerflow.onboarding.OnboardingProcess.TEMPORARY_ADMIN_PASSWORD;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.event.HistoryEvent;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.stereotype.Component;

/**
 * Full history, except for secrets: variables named here never reach the history tables, so a
 * temporary password shown once to an operator is not kept for the history's lifetime.
 */
@Component
public class SecretVariablesHistoryFilter extends AbstractProcessEnginePlugin {

  static final Set<String> SECRET_VARIABLES = Set.of(TEMPORARY_ADMIN_PASSWORD.name());

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    // other plugins (the starter's event publisher) add their handlers to this list too
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(new Handler(new DbHistoryEventHandler()));
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  static boolean isSecret(HistoryEvent event) {
    return event instanceof HistoricVariableUpdateEventEntity variable
        && SECRET_VARIABLES.contains(variable.getVariableName());
  }

  private record Handler(HistoryEventHandler delegate) implements HistoryEventHandler {

    @Override
    public void handleEvent(HistoryEvent event) {
      if (!isSecret(event)) {
        delegate.handleEvent(event);
      }
    }

    @Override
    public void handleEvents(List<HistoryEvent> events) {
      events.forEach(this::handleEvent);
    }
  }
}
