package io.partnerflow.benchmark;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;

final class EndEvents {

  private EndEvents() {}

  /** Fails unless every instance reached that end event. */
  static void requireAll(ProcessEngine engine, List<String> processInstanceIds, String endEventId) {
    List<String> elsewhere = processInstanceIds.stream()
        .filter(id -> engine.getHistoryService().createHistoricActivityInstanceQuery().processInstanceId(id)
            .activityId(endEventId).finished().count() != 1)
        .toList();
    if (!elsewhere.isEmpty()) {
      throw new IllegalStateException(elsewhere.size() + " of " + processInstanceIds.size()
          + " instances did not reach " + endEventId + ", e.g. " + elsewhere.get(0));
    }
  }
}
