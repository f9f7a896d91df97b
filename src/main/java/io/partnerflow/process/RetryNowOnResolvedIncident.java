package io.partnerflow.process;

import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.incident.DefaultIncidentHandler;
import org.camunda.bpm.engine.impl.incident.IncidentContext;
import org.camunda.bpm.engine.impl.incident.IncidentHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.camunda.bpm.engine.impl.jobexecutor.MessageAddedNotification;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.springframework.stereotype.Component;

/**
 * A failed job whose incident an operator resolves by giving it retries (Cockpit's "Retry", the
 * REST API's {@code PUT /job/{id}/retries}, {@code ManagementService#setJobRetries}) runs now. The
 * engine would keep the due date its last failure set from the retry cycle (up to 20 minutes
 * away), so "retry" seemed to do nothing. A due date given with the retries still wins: it is
 * applied after this.
 */
@Component
public class RetryNowOnResolvedIncident extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    List<IncidentHandler> handlers = new ArrayList<>();
    if (configuration.getCustomIncidentHandlers() != null) {
      handlers.addAll(configuration.getCustomIncidentHandlers());
    }
    handlers.add(new RetryNowHandler());
    configuration.setCustomIncidentHandlers(handlers);
  }

  /** The engine's handler of failed-job incidents, which also makes the job due at once. */
  static final class RetryNowHandler extends DefaultIncidentHandler {

    RetryNowHandler() {
      super(Incident.FAILED_JOB_HANDLER_TYPE);
    }

    @Override
    public void resolveIncident(IncidentContext context) {
      super.resolveIncident(context);
      CommandContext commandContext = Context.getCommandContext();
      String jobId = context.getConfiguration();
      if (commandContext == null || jobId == null) {
        return;
      }
      JobEntity job = commandContext.getJobManager().findJobById(jobId);
      if (job == null) {
        return;
      }
      job.setDuedate(ClockUtil.getCurrentTime());
      JobExecutor jobExecutor = Context.getProcessEngineConfiguration().getJobExecutor();
      if (jobExecutor != null && jobExecutor.isActive()) {
        // wake this node's acquisition once the retries are committed, as for a new job
        commandContext.getTransactionContext()
            .addTransactionListener(TransactionState.COMMITTED, new MessageAddedNotification(jobExecutor));
      }
    }
  }
}
