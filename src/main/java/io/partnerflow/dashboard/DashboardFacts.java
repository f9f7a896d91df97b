package io.partnerflow.dashboard;

import static io.partnerflow.dashboard.SqlRows.params;
import static io.partnerflow.dashboard.SqlRows.placeholders;

import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.process.HistoryTimeToLive;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Keeps the dashboard's facts ({@code dashboard_instance}, {@code dashboard_task},
 * {@code dashboard_job}) up to date with the engine's history: each refresh re-reads what changed
 * since the last one (with an overlap, for transactions that committed late) and replaces those
 * rows; the first refresh reads all of history. Running instances are re-read every time (their
 * furthest milestone moves). Facts older than the history's time-to-live go with it. Nodes take
 * turns: the refresh row is locked while one refreshes.
 */
@Component
public class DashboardFacts {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardFacts.class);
  /** A transaction that started before the last refresh may commit after it: re-read this much. */
  static final Duration OVERLAP = Duration.ofMinutes(10);

  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final HistoryTimeToLive timeToLive;

  public DashboardFacts(JdbcClient jdbc, PlatformTransactionManager transactions, Clock clock,
      HistoryTimeToLive timeToLive) {
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactions);
    this.clock = clock;
    this.timeToLive = timeToLive;
  }

  /** How far the facts reach: history up to this instant is in them (null before the first refresh). */
  public Instant refreshedTo() {
    Timestamp to = jdbc.sql("select refreshed_to from dashboard_refresh where name = 'facts'")
        .query(Timestamp.class).optional().orElse(null);
    return to == null ? null : to.toInstant();
  }

  /** Brings the facts up to now; returns how many rows it wrote. */
  public int refresh() {
    Integer written = transaction.execute(status -> {
      Timestamp last = jdbc.sql("select refreshed_to from dashboard_refresh where name = 'facts' for update")
          .query(Timestamp.class).optional().orElse(null);
      Instant now = clock.instant();
      Instant since = last == null ? Instant.EPOCH : last.toInstant().minus(OVERLAP);
      long started = System.nanoTime();
      if (last == null) {
        // The first refresh reads all of history: no row is known yet, none needs finding first
        jdbc.sql("delete from dashboard_instance").update();
        jdbc.sql("delete from dashboard_task").update();
        jdbc.sql("delete from dashboard_job").update();
      }
      int rows = instances(since) + tasks(since) + jobs(since, last == null) + expire(now);
      jdbc.sql("update dashboard_refresh set refreshed_to = ? where name = 'facts'").params(params(now)).update();
      LOG.debug("Dashboard facts refreshed since {}: {} rows in {} ms", since, rows,
          (System.nanoTime() - started) / 1_000_000);
      return rows;
    });
    return written == null ? 0 : written;
  }

  private int instances(Instant since) {
    List<String> stages = OnboardingFigures.STAGES.stream().map(OnboardingFigures.Stage::elementId).toList();
    StringBuilder stage = new StringBuilder("coalesce((select max(case a.act_id_");
    List<Object> stageParams = new ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      stage.append(" when ? then ").append(i + 1);
      stageParams.add(stages.get(i));
    }
    stage.append(" end) from act_hi_actinst a where a.proc_inst_id_ = p.id_ and a.act_id_ in (")
        .append(placeholders(stages.size())).append(")), 0)");
    stageParams.addAll(stages);
    String select = "select p.id_, p.proc_def_key_, p.start_time_, p.end_time_, p.end_act_id_, p.duration_, "
        + "case when p.proc_def_key_ = ? then " + stage + " else 0 end, "
        + "case when p.end_act_id_ = ? then (select min(v.text_) from act_hi_varinst v where v.proc_inst_id_ = p.id_ "
        + "and v.name_ = ?) end from act_hi_procinst p where p.proc_def_key_ in ("
        + placeholders(Dashboard.PROCESS_KEYS.size()) + ") and ";
    List<Object> selectParams = params(OnboardingProcess.PROCESS_KEY, stageParams,
        OnboardingProcess.Ids.END_ONBOARDING_CANCELLED, OnboardingProcess.CANCELLATION_REASON.name(),
        Dashboard.PROCESS_KEYS);
    int rows = 0;
    // Ended since the last refresh, and all still running (one started since has ended or runs)
    for (String changed : List.of("p.end_time_ >= ?", "p.end_time_ is null")) {
      List<Object> changedParams = changed.contains("?") ? params(since) : List.of();
      jdbc.sql("delete from dashboard_instance where id in (select p.id_ from act_hi_procinst p where "
              + "p.proc_def_key_ in (" + placeholders(Dashboard.PROCESS_KEYS.size()) + ") and " + changed + ")")
          .params(params(Dashboard.PROCESS_KEYS, changedParams)).update();
      rows += jdbc.sql("insert into dashboard_instance (id, process_key, started_at, ended_at, end_event, "
              + "duration_ms, stage, reason) " + select + changed)
          .params(params(selectParams, changedParams)).update();
    }
    return rows;
  }

  private int tasks(Instant since) {
    String changed = " from act_hi_taskinst t where t.end_time_ >= ? and t.delete_reason_ = 'completed'";
    jdbc.sql("delete from dashboard_task where id in (select t.id_" + changed + ")").params(params(since)).update();
    // Claimed: the first time the task got an assignee; never claimed = waited until completed
    return jdbc.sql("insert into dashboard_task (id, process_key, task_key, created_at, claimed_at, completed_at, "
            + "waiting_s, working_s) select x.id, x.process_key, x.task_key, x.created_at, x.claimed_at, x.completed_at, "
            + "extract(epoch from coalesce(x.claimed_at, x.completed_at)) - extract(epoch from x.created_at), "
            + "extract(epoch from x.completed_at) - extract(epoch from coalesce(x.claimed_at, x.completed_at)) "
            + "from (select t.id_ as id, t.proc_def_key_ as process_key, t.task_def_key_ as task_key, "
            + "t.start_time_ as created_at, t.end_time_ as completed_at, (select min(l.timestamp_) "
            + "from act_hi_identitylink l where l.task_id_ = t.id_ and l.type_ = 'assignee' "
            + "and l.operation_type_ = 'add') as claimed_at" + changed + ") x")
        .params(params(since)).update();
  }

  private int jobs(Instant since, boolean all) {
    String changed = "select d.job_id_ from act_hi_job_log d where d.timestamp_ >= ? "
        + "and d.job_def_type_ = 'async-continuation'";
    if (!all) {
      jdbc.sql("delete from dashboard_job where id in (" + changed + ")").params(params(since)).update();
    }
    return jdbc.sql("insert into dashboard_job (id, process_key, step, created_at, done_at, failures) "
            + "select j.job_id_, max(j.process_def_key_), max(j.act_id_), min(j.timestamp_), "
            + "max(case when j.job_state_ = 2 then j.timestamp_ end), sum(case when j.job_state_ = 1 then 1 else 0 end) "
            + "from act_hi_job_log j where j.job_def_type_ = 'async-continuation'"
            + (all ? "" : " and j.job_id_ in (" + changed + ")") + " group by j.job_id_")
        .params(all ? List.of() : params(since)).update();
  }

  /** Facts of what the history cleanup removes (older than the time-to-live) go too. */
  private int expire(Instant now) {
    Instant before = now.minus(Duration.ofDays(timeToLive.days()));
    return jdbc.sql("delete from dashboard_instance where ended_at < ?").params(params(before)).update()
        + jdbc.sql("delete from dashboard_task where completed_at < ?").params(params(before)).update()
        + jdbc.sql("delete from dashboard_job where created_at < ? and done_at is not null")
            .params(params(before)).update();
  }
}
