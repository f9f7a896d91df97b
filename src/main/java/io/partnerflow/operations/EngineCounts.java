package io.partnerflow.operations;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.engine.runtime.Incident;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The engine's backlog and trouble as count queries, computed at most once per {@code cacheFor}:
 * scrapes (and several Prometheus servers) read the last result instead of querying each time.
 * Queries run unauthenticated: what the engine holds, whoever's request thread asks.
 */
class EngineCounts {

  private static final Logger log = LoggerFactory.getLogger(EngineCounts.class);

  /** The engine's own incident types (failed jobs, failed external tasks). */
  static final List<String> INCIDENT_TYPES =
      List.of(Incident.FAILED_JOB_HANDLER_TYPE, Incident.EXTERNAL_TASK_HANDLER_TYPE);

  /** One set of counts; a failed refresh is {@link #UNAVAILABLE} (NaN in every gauge, never a made-up 0). */
  record Snapshot(double jobBacklog, Map<String, Long> failedJobs, Map<String, Long> userTasks,
      Map<String, Map<String, Long>> incidents) {

    static final Snapshot UNAVAILABLE = new Snapshot(Double.NaN, Map.of(), Map.of(), Map.of());

    double failedJobs(String process) {
      return value(failedJobs.get(process));
    }

    double userTasks(String process) {
      return value(userTasks.get(process));
    }

    double incidents(String process, String type) {
      Map<String, Long> byType = incidents.get(process);
      return value(byType == null ? null : byType.get(type));
    }

    private double value(Long count) {
      if (Double.isNaN(jobBacklog)) {
        return Double.NaN;
      }
      return count == null ? 0 : count;
    }
  }

  private final ManagementService management;
  private final RuntimeService runtime;
  private final TaskService tasks;
  private final RepositoryService repository;
  private final IdentityService identity;
  private final Duration cacheFor;
  private final Clock clock;
  private Snapshot snapshot;
  private Instant takenAt;

  EngineCounts(ProcessEngine engine, Duration cacheFor, Clock clock) {
    this.management = engine.getManagementService();
    this.runtime = engine.getRuntimeService();
    this.tasks = engine.getTaskService();
    this.repository = engine.getRepositoryService();
    this.identity = engine.getIdentityService();
    this.cacheFor = cacheFor;
    this.clock = clock;
  }

  synchronized Snapshot snapshot() {
    Instant now = clock.instant();
    if (snapshot == null || !now.isBefore(takenAt.plus(cacheFor))) {
      snapshot = take();
      takenAt = now; // also after a failure: a broken database is not asked on every scrape
    }
    return snapshot;
  }

  /** The keys of the deployed processes, sorted. */
  List<String> processKeys() {
    return repository.createProcessDefinitionQuery().latestVersion().list().stream()
        .map(ProcessDefinition::getKey).distinct().sorted().toList();
  }

  private Snapshot take() {
    Authentication caller = identity.getCurrentAuthentication();
    identity.clearAuthentication();
    try {
      double backlog = management.createJobQuery().executable().active().count();
      Map<String, Long> failed = new TreeMap<>();
      Map<String, Long> open = new TreeMap<>();
      Map<String, Map<String, Long>> incidents = new TreeMap<>();
      for (String key : processKeys()) {
        failed.put(key, management.createJobQuery().processDefinitionKey(key).noRetriesLeft().count());
        open.put(key, tasks.createTaskQuery().processDefinitionKey(key).active().count());
        Map<String, Long> byType = new TreeMap<>();
        for (String type : INCIDENT_TYPES) {
          byType.put(type, runtime.createIncidentQuery().processDefinitionKeyIn(key).incidentType(type).count());
        }
        incidents.put(key, byType);
      }
      return new Snapshot(backlog, failed, open, incidents);
    } catch (RuntimeException e) {
      log.warn("Could not count the engine's jobs, incidents and tasks for the metrics: {}", e.toString());
      return Snapshot.UNAVAILABLE;
    } finally {
      if (caller != null) {
        identity.setAuthentication(caller);
      }
    }
  }
}
