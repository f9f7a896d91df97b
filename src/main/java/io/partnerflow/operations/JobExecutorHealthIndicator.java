package io.partnerflow.operations;

import org.camunda.bpm.engine.impl.jobexecutor.JobExecutor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether this node runs the engine's jobs (mails, provisioning, timers). Replaces the starter's
 * check, which is DOWN on a node configured without job execution ({@code
 * camunda.bpm.job-execution.enabled=false}, e.g. a web-only node or the tests): that node is
 * ready by design. DOWN when job execution is configured but the executor is not running.
 */
public class JobExecutorHealthIndicator implements HealthIndicator {

  private final JobExecutor jobExecutor;
  private final boolean enabled;

  public JobExecutorHealthIndicator(JobExecutor jobExecutor, boolean enabled) {
    this.jobExecutor = jobExecutor;
    this.enabled = enabled;
  }

  @Override
  public Health health() {
    if (!enabled) {
      return Health.up().withDetail("jobExecution", "disabled on this node").build();
    }
    Health.Builder health = jobExecutor != null && jobExecutor.isActive() ? Health.up() : Health.down();
    if (jobExecutor != null) {
      health.withDetail("lockOwner", jobExecutor.getLockOwner())
          .withDetail("lockTimeInMillis", jobExecutor.getLockTimeInMillis())
          .withDetail("maxJobsPerAcquisition", jobExecutor.getMaxJobsPerAcquisition());
    }
    return health.build();
  }
}
