package io.partnerflow.dashboard;

import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Indexes on the engine's job log that the facts' refresh reads by (what changed since a time, and
 * all entries of one job); the engine has neither. Created once the engine's schema exists (our
 * Flyway migrations may run before it), idempotently.
 */
@Component
class HistoryIndexes {

  static final String[] STATEMENTS = {
      "create index if not exists dashboard_hi_job_log_time on act_hi_job_log(timestamp_)",
      "create index if not exists dashboard_hi_job_log_job on act_hi_job_log(job_id_)"};

  private final JdbcClient jdbc;

  HistoryIndexes(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  @EventListener(PostDeployEvent.class)
  void create() {
    for (String statement : STATEMENTS) {
      jdbc.sql(statement).update();
    }
  }
}
