package io.partnerflow.benchmark;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;

/**
 * Latencies read back from the engine's history after a round, so measuring costs the round
 * nothing. An async step's latency runs from its job's creation, the end of the activity before it
 * (same transaction), to its completion, the end of the async activity itself (the job's
 * transaction); this works at every history level from {@code activity} up.
 */
final class ProcessMetrics {

  private final HistoryService history;

  ProcessMetrics(ProcessEngine engine) {
    this.history = engine.getHistoryService();
  }

  /** Start to end of each instance, in ms. */
  List<Long> instanceLatencies(List<String> processInstanceIds) {
    List<Long> latencies = new ArrayList<>();
    for (List<String> chunk : Chunks.of(processInstanceIds, 500)) {
      for (HistoricProcessInstance instance : history.createHistoricProcessInstanceQuery()
          .processInstanceIds(new HashSet<>(chunk)).finished().list()) {
        latencies.add(instance.getEndTime().getTime() - instance.getStartTime().getTime());
      }
    }
    if (latencies.size() != processInstanceIds.size()) {
      throw new IllegalStateException(latencies.size() + " of " + processInstanceIds.size() + " instances finished");
    }
    return latencies;
  }

  /** Job creation to completion of each async activity in each instance, in ms. */
  List<Long> asyncLatencies(List<String> processInstanceIds, List<String> asyncActivityIds) {
    List<Long> latencies = new ArrayList<>();
    for (String processInstanceId : processInstanceIds) {
      List<HistoricActivityInstance> activities = history.createHistoricActivityInstanceQuery()
          .processInstanceId(processInstanceId).list();
      for (HistoricActivityInstance async : activities) {
        if (!asyncActivityIds.contains(async.getActivityId()) || async.getEndTime() == null) {
          continue;
        }
        long jobCreated = activities.stream()
            .filter(other -> other != async && other.getEndTime() != null
                && !other.getEndTime().after(async.getStartTime()))
            .map(other -> other.getEndTime().getTime())
            .max(Comparator.naturalOrder())
            .orElseThrow(() -> new IllegalStateException("nothing ended before " + async.getActivityId()));
        latencies.add(async.getEndTime().getTime() - jobCreated);
      }
    }
    return latencies;
  }
}
