package io.partnerflow.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.StandaloneInMemProcessEngineConfiguration;
import org.camunda.bpm.engine.impl.jobexecutor.DefaultJobExecutor;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Giving a failed job retries, as Cockpit's "Retry" does, runs it now, not at the due date its last failure set. */
class RetryNowOnResolvedIncidentTest {

  /** Fails while {@link #failures} is above zero; counts its runs. */
  public static class FlakyStep implements JavaDelegate {
    static final AtomicInteger failures = new AtomicInteger();
    static final AtomicInteger successes = new AtomicInteger();

    @Override
    public void execute(DelegateExecution execution) {
      if (failures.getAndDecrement() > 0) {
        throw new IllegalStateException("the outside service is down");
      }
      successes.incrementAndGet();
    }
  }

  private static final BpmnModelInstance FLAKY = Bpmn.createExecutableProcess("flaky")
      .startEvent("StartEvent_Started")
      .serviceTask("Task_CallOutside").camundaAsyncBefore().camundaClass(FlakyStep.class)
      .camundaFailedJobRetryTimeCycle("R1/PT20M") // one run, then an incident; a retry would be 20 min away
      .endEvent("EndEvent_Done")
      .done();

  private ProcessEngine engine;

  @AfterEach
  void closeEngine() {
    if (engine != null) {
      engine.close();
    }
  }

  @Test
  void retriesGivenToAFailedJobMakeItDueNowAndTheJobExecutorRunsItAtOnce() throws Exception {
    engine = engine(new RetryNowOnResolvedIncident());
    Job failed = failedJob();
    assertThat(failed.getDuedate()).as("the retry cycle put the due date ahead").isAfter(inMinutes(5));

    engine.getManagementService().setJobRetries(failed.getId(), 1);

    assertThat(job(failed.getId()).getDuedate()).isBeforeOrEqualTo(new Date());
    awaitSuccess(Duration.ofSeconds(5));
    assertThat(engine.getRuntimeService().createProcessInstanceQuery().count()).as("the instance ended").isZero();
    assertThat(engine.getRuntimeService().createIncidentQuery().count()).isZero();
  }

  @Test
  void aDueDateGivenWithTheRetriesStillWins() throws Exception {
    engine = engine(new RetryNowOnResolvedIncident());
    Job failed = failedJob();
    Date tomorrow = Date.from(Instant.now().plus(Duration.ofDays(1)));

    engine.getManagementService().setJobRetries(1).jobId(failed.getId()).dueDate(tomorrow).execute();

    assertThat(job(failed.getId()).getDuedate()).isEqualTo(tomorrow);
  }

  @Test
  void withoutItTheJobWaitsForItsOldDueDate() throws Exception {
    engine = engine();
    Job failed = failedJob();

    engine.getManagementService().setJobRetries(failed.getId(), 1);

    assertThat(job(failed.getId()).getDuedate()).isAfter(inMinutes(5));
    Thread.sleep(2000);
    assertThat(FlakyStep.successes).hasValue(0);
  }

  /** Starts the process; its job fails once (the job executor runs it) and ends in an incident. */
  private Job failedJob() throws InterruptedException {
    FlakyStep.failures.set(1);
    FlakyStep.successes.set(0);
    engine.getRepositoryService().createDeployment().addModelInstance("flaky.bpmn", FLAKY).deploy();
    engine.getRuntimeService().startProcessInstanceByKey("flaky");
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (engine.getRuntimeService().createIncidentQuery().count() == 0) {
      assertThat(System.nanoTime()).as("an incident within 10 s").isLessThan(deadline);
      Thread.sleep(50);
    }
    List<Job> jobs = engine.getManagementService().createJobQuery().noRetriesLeft().list();
    assertThat(jobs).hasSize(1);
    return jobs.get(0);
  }

  private Job job(String id) {
    return engine.getManagementService().createJobQuery().jobId(id).singleResult();
  }

  private void awaitSuccess(Duration within) throws InterruptedException {
    long deadline = System.nanoTime() + within.toNanos();
    while (FlakyStep.successes.get() == 0 || engine.getRuntimeService().createProcessInstanceQuery().count() > 0) {
      assertThat(System.nanoTime()).as("the retried job ran within %s", within).isLessThan(deadline);
      Thread.sleep(50);
    }
  }

  private static Date inMinutes(int minutes) {
    return Date.from(Instant.now().plus(Duration.ofMinutes(minutes)));
  }

  private static ProcessEngine engine(RetryNowOnResolvedIncident... plugins) {
    ProcessEngineConfigurationImpl configuration = new StandaloneInMemProcessEngineConfiguration();
    configuration.setJdbcUrl("jdbc:h2:mem:retry-now-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    configuration.setProcessEngineName("retry-now-" + UUID.randomUUID());
    configuration.setJobExecutorActivate(true);
    configuration.setHistory("none");
    configuration.setProcessEnginePlugins(List.of(plugins));
    // An idle acquisition that sleeps a minute: only the wake-up on commit can run the job within seconds
    DefaultJobExecutor executor = new DefaultJobExecutor();
    executor.setWaitTimeInMillis(60_000);
    executor.setMaxWait(60_000);
    configuration.setJobExecutor(executor);
    return configuration.buildProcessEngine();
  }
}
