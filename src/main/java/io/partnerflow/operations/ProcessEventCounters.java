package io.partnerflow.operations;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Component;

/**
 * Counts process instances started (tag {@code process}: the process key) and ended (tags
 * {@code process} and {@code end_event}: the end event that ended it, or {@value #DELETED} when
 * the instance was deleted before reaching one). Fed by {@link ProcessEventMetricsPlugin} after
 * each commit; in memory, per node.
 */
@Component
public class ProcessEventCounters {

  static final String STARTED = "partnerflow.process.instances.started";
  static final String ENDED = "partnerflow.process.instances.ended";
  /** The end event of an instance that was deleted (Cockpit, API) rather than reaching an end event. */
  public static final String DELETED = "deleted";

  private final MeterRegistry registry;

  public ProcessEventCounters(MeterRegistry registry) {
    this.registry = registry;
  }

  public void started(String processKey) {
    startedCounter(processKey).increment();
  }

  public void ended(String processKey, String endEventId) {
    endedCounter(processKey, endEventId).increment();
  }

  /** Registers the counter at 0, so the first instance already shows as an increase. */
  Counter startedCounter(String processKey) {
    return Counter.builder(STARTED).description("Process instances started")
        .tag("process", processKey).register(registry);
  }

  Counter endedCounter(String processKey, String endEventId) {
    return Counter.builder(ENDED).description("Process instances ended, by the end event that ended them")
        .tag("process", processKey).tag("end_event", endEventId).register(registry);
  }
}
