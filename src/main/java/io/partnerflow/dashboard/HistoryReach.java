package io.partnerflow.dashboard;

import io.partnerflow.dashboard.Table.Cell;
import java.sql.Timestamp;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How far back the engine's history reaches: each process's history time-to-live, when Camunda's
 * history cleanup runs, and the oldest instance still in history. Our registry (customers,
 * invitations, referrals, relationship history) is not cleaned up.
 */
@Component
class HistoryReach {

  private final JdbcClient jdbc;
  private final ProcessEngineConfigurationImpl engine;

  HistoryReach(JdbcClient jdbc, ProcessEngine processEngine) {
    this.jdbc = jdbc;
    this.engine = (ProcessEngineConfigurationImpl) processEngine.getProcessEngineConfiguration();
  }

  Section section(ZoneId zone, ProcessNames.Names names, List<String> processKeys) {
    // min() of no rows is one row holding null: an empty history
    Timestamp oldest = jdbc.sql("select min(p.start_time_) from act_hi_procinst p").query(Timestamp.class)
        .optional().orElse(null);
    String reach = oldest == null ? "History is empty"
        : "History reaches back to " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone)
            .format(oldest.toInstant()) + " (the oldest instance still in history)";
    String window = engine.isHistoryCleanupEnabled() && engine.getHistoryCleanupBatchWindowStartTime() != null
        ? "history cleanup runs daily from " + engine.getHistoryCleanupBatchWindowStartTime() + " to "
            + engine.getHistoryCleanupBatchWindowEndTime() + " (server time)"
        : "history cleanup is not scheduled (no batch window set)";
    Table.Builder table = Table.of("history.ttl", "History kept", "none",
            "Camunda removes an instance's history its time-to-live after the instance ended (" + window + "). "
                + "Figures from our registry (invitations, referrals, customers) are not removed.")
        .text("Process").numeric("Kept for (days)");
    for (String key : processKeys) {
      Integer days = names.historyTimeToLiveDays(key);
      table.row(Cell.text(names.process(key)), days == null ? Cell.text("for ever") : Cell.count(days));
    }
    return new Section("history", "History", reach + "; " + window, List.of(table.build()));
  }
}
