package io.partnerflow.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.history.event.HistoricVariableUpdateEventEntity;
import org.camunda.bpm.engine.impl.history.handler.DbHistoryEventHandler;
import org.camunda.bpm.engine.impl.history.handler.HistoryEventHandler;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Full history, except variable details (every intermediate value, {@code ACT_HI_DETAIL}): they
 * are written for the values an instance started with only, unless
 * {@code partnerflow.history.variable-details} is {@code all}. Each variable's latest value stays in
 * history; the business audit (who attested, who accepted, which mail went out) is in our
 * registry. Measured: the benchmark's variant {@code history-all-variable-details} (README,
 * "Performance"). (Secrets are no engine variables at all: see onboarding.AdminPasswordHandOver.)
 */
@Component
public class VariableDetailsHistoryFilter extends AbstractProcessEnginePlugin {

  private final boolean allVariableDetails;

  public VariableDetailsHistoryFilter(
      @Value("${partnerflow.history.variable-details:initial}") String variableDetails) {
    if (!Set.of("initial", "all").contains(variableDetails)) {
      throw new IllegalArgumentException(
          "partnerflow.history.variable-details must be 'initial' or 'all', was '" + variableDetails + "'");
    }
    this.allVariableDetails = variableDetails.equals("all");
  }

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setEnableDefaultDbHistoryEventHandler(false);
    // other plugins (the starter's event publisher) add their handlers to this list too
    List<HistoryEventHandler> handlers = new ArrayList<>();
    if (configuration.getCustomHistoryEventHandlers() != null) {
      handlers.addAll(configuration.getCustomHistoryEventHandlers());
    }
    handlers.add(allVariableDetails ? new DbHistoryEventHandler() : new InitialDetailsOnly());
    configuration.setCustomHistoryEventHandlers(handlers);
  }

  /** The engine's handler, writing a variable detail only for a value the instance started with. */
  private static final class InitialDetailsOnly extends DbHistoryEventHandler {

    @Override
    protected boolean shouldWriteHistoricDetail(HistoricVariableUpdateEventEntity event) {
      return Boolean.TRUE.equals(event.isInitial()) && super.shouldWriteHistoricDetail(event);
    }
  }
}
