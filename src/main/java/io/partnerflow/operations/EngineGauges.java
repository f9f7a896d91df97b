package io.partnerflow.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Gauges of what waits and what is stuck in the engine (all nodes: they count the shared database):
 * job backlog, failed jobs and open incidents per process, open user tasks per process. Values come
 * from {@link EngineCounts}, cached. Registered when the application is ready (the process
 * application deploys after the meter binders run); processes deployed later get gauges at the next start.
 */
@Component
class EngineGauges {

  static final String JOB_BACKLOG = "partnerflow.engine.jobs.backlog";
  static final String FAILED_JOBS = "partnerflow.engine.jobs.failed";
  static final String OPEN_INCIDENTS = "partnerflow.engine.incidents.open";
  static final String OPEN_USER_TASKS = "partnerflow.engine.user.tasks.open";

  private final EngineCounts counts;
  private final MeterRegistry registry;

  EngineGauges(ProcessEngine engine, OperationsProperties properties, MeterRegistry registry) {
    this.registry = registry;
    this.counts = new EngineCounts(engine, properties.engineMetricsCacheFor(), Clock.systemUTC());
  }

  @EventListener(ApplicationReadyEvent.class)
  void register() {
    Gauge.builder(JOB_BACKLOG, counts, c -> c.snapshot().jobBacklog())
        .description("Jobs due now with retries left, not suspended: work waiting for a job executor")
        .strongReference(true).register(registry);
    for (String process : counts.processKeys()) {
      Gauge.builder(FAILED_JOBS, counts, c -> c.snapshot().failedJobs(process))
          .description("Jobs without retries left (each has an incident)")
          .tag("process", process).strongReference(true).register(registry);
      Gauge.builder(OPEN_USER_TASKS, counts, c -> c.snapshot().userTasks(process))
          .description("Open user tasks").tag("process", process).strongReference(true).register(registry);
      for (String type : EngineCounts.INCIDENT_TYPES) {
        Gauge.builder(OPEN_INCIDENTS, counts, c -> c.snapshot().incidents(process, type))
            .description("Open incidents").tag("process", process).tag("type", type).strongReference(true).register(registry);
      }
    }
  }
}
