package io.partnerflow.partnercenter;

import io.partnerflow.provisioning.PartnerCenterRejectedException;
import io.partnerflow.provisioning.PartnerCenterThrottledException;
import java.time.Duration;
import java.util.Date;
import java.util.Optional;
import java.util.function.Consumer;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cmd.DefaultJobRetryCmd;
import org.camunda.bpm.engine.impl.cmd.JobRetryCmd;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.jobexecutor.FailedJobCommandFactory;
import org.camunda.bpm.engine.impl.persistence.entity.JobEntity;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.springframework.stereotype.Component;

/**
 * A job that Partner Center throttled (429) is not a failed attempt: it runs again once the
 * {@code Retry-After} Microsoft named has passed, with its retries untouched, and never becomes an
 * incident for being throttled. The exception stays on the job, so Cockpit shows why it waits. A job
 * that fails with {@link PartnerCenterRejectedException} (a business refusal: the same request would
 * be refused again) becomes an incident at once, Microsoft's code and reason as its message. Every
 * other failure takes the engine's own path (the retry cycle, then an incident).
 */
@Component
public class ThrottledJobRetry extends AbstractProcessEnginePlugin {

  @Override
  public void preInit(ProcessEngineConfigurationImpl configuration) {
    configuration.setFailedJobCommandFactory(new Factory());
  }

  static final class Factory implements FailedJobCommandFactory {
    @Override
    public Command<Object> getCommand(String jobId, Throwable exception) {
      Optional<PartnerCenterThrottledException> throttled = throttled(exception);
      if (throttled.isPresent()) {
        return waitFor(jobId, exception, throttled.get().retryAfter());
      }
      return rejected(exception) ? incidentNow(jobId, exception) : new DefaultJobRetryCmd(jobId, exception);
    }
  }

  /** A business refusal from Microsoft that reached the job: the same request would be refused again. */
  static boolean rejected(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof PartnerCenterRejectedException) {
        return true;
      }
    }
    return false;
  }

  static Optional<PartnerCenterThrottledException> throttled(Throwable exception) {
    for (Throwable t = exception; t != null; t = t.getCause()) {
      if (t instanceof PartnerCenterThrottledException throttled) {
        return Optional.of(throttled);
      }
    }
    return Optional.empty();
  }

  /**
   * Ends the job's retries now: an incident whose message is the job's exception (Microsoft's code and
   * reason), for an operator to fix what Microsoft refused and then retry the job in Cockpit. Retrying
   * on a timer would only repeat the refusal and delay the incident by the whole retry cycle.
   */
  static JobRetryCmd incidentNow(String jobId, Throwable exception) {
    return new OutsideRetryCycleCmd(jobId, exception, job -> job.setRetries(0));
  }

  /** Makes the job due after the wait, keeping its retries. */
  static JobRetryCmd waitFor(String jobId, Throwable exception, Duration wait) {
    return new OutsideRetryCycleCmd(jobId, exception,
        job -> job.setDuedate(new Date(ClockUtil.getCurrentTime().getTime() + wait.toMillis())));
  }

  /** A failed job handled outside the engine's retry cycle: unlocked, its exception kept, then {@code outcome}. */
  static final class OutsideRetryCycleCmd extends JobRetryCmd {

    private final Consumer<JobEntity> outcome;

    OutsideRetryCycleCmd(String jobId, Throwable exception, Consumer<JobEntity> outcome) {
      super(jobId, exception);
      this.outcome = outcome;
    }

    @Override
    public Object execute(CommandContext commandContext) {
      JobEntity job = getJob();
      if (job == null) {
        return null;
      }
      job.unlock();
      logException(job);
      outcome.accept(job);
      notifyAcquisition(commandContext);
      return null;
    }
  }
}
