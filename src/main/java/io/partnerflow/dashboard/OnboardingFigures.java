package io.partnerflow.dashboard;

import static io.partnerflow.dashboard.SqlRows.count;
import static io.partnerflow.dashboard.SqlRows.params;
import static io.partnerflow.dashboard.SqlRows.placeholders;

import io.partnerflow.dashboard.Table.Cell;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The onboarding funnel of the instances started in the period: how many reached each stage
 * (one BPMN element that only a passed stage leads to), how they ended, and why they were cancelled.
 */
@Component
class OnboardingFigures {

  /** A stage and the element whose history shows an instance passed it. */
  record Stage(String label, String elementId) {}

  static final List<Stage> STAGES = List.of(
      new Stage("Agreement confirmed", Ids.GATEWAY_IS_INDIRECT_PROVIDER),
      new Stage("Reseller assigned", Ids.GATEWAY_RESELLER_CHOSEN),
      new Stage("Subscriptions chosen", Ids.REVIEW),
      new Stage("Submitted", Ids.CREATE_CUSTOMER),
      new Stage("Onboarded", Ids.END_CUSTOMER_ONBOARDED));
  static final int TOP_REASONS = 10;
  private static final String KEY = OnboardingProcess.PROCESS_KEY;
  private static final String COHORT = "select p.id_ from act_hi_procinst p where p.proc_def_key_ = ? "
      + "and p.start_time_ >= ? and p.start_time_ < ?";

  private final JdbcClient jdbc;

  OnboardingFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Section section(DashboardPeriod period, ProcessNames.Names names) {
    long started = jdbc.sql("select count(*) from act_hi_procinst p where p.proc_def_key_ = ? "
            + "and p.start_time_ >= ? and p.start_time_ < ?")
        .params(params(KEY, period.start(), period.end())).query(Long.class).single();
    return new Section("onboarding", "Onboarding", started + " onboardings started in the period",
        List.of(funnel(period, started), outcomes(period, names), cancellationReasons(period)));
  }

  private Table funnel(DashboardPeriod period, long started) {
    Map<String, Long> reached = new HashMap<>();
    jdbc.sql("select a.act_id_ as stage, count(distinct a.proc_inst_id_) as reached from act_hi_actinst a "
            + "where a.proc_def_key_ = ? and a.act_id_ in (" + placeholders(STAGES.size()) + ") "
            + "and a.proc_inst_id_ in (" + COHORT + ") group by a.act_id_")
        .params(params(KEY, STAGES.stream().map(Stage::elementId).toList(), KEY, period.start(), period.end()))
        .query(rs -> {
          reached.put(rs.getString("stage"), count(rs, "reached"));
        });
    Table.Builder table = Table.of("onboarding.funnel", "Onboarding funnel", "funnel",
            "Onboardings started in the period, counted once at each stage they passed (still running ones "
                + "up to where they are).")
        .text("Stage").charted("Onboardings").numeric("% of started")
        .row(Cell.text("Started"), Cell.count(started), percent(started, started));
    for (Stage stage : STAGES) {
      long count = reached.getOrDefault(stage.elementId(), 0L);
      table.row(Cell.text(stage.label()), Cell.count(count), percent(count, started));
    }
    return table.build();
  }

  private Table outcomes(DashboardPeriod period, ProcessNames.Names names) {
    Table.Builder table = Table.of("onboarding.outcomes", "How they ended", "bar",
            "Onboardings started in the period by the end event they reached; running ones have none yet.")
        .text("Outcome").charted("Onboardings").text("End event");
    jdbc.sql("select p.end_act_id_ as end_event, p.state_ as state, count(*) as instances from act_hi_procinst p "
            + "where p.proc_def_key_ = ? and p.start_time_ >= ? and p.start_time_ < ? "
            + "group by p.end_act_id_, p.state_ order by count(*) desc")
        .params(params(KEY, period.start(), period.end()))
        .query(rs -> {
          String endEvent = rs.getString("end_event");
          String state = rs.getString("state");
          String outcome = "ACTIVE".equals(state) ? "Still running"
              : endEvent == null ? "Deleted (" + state.toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")"
              : names.element(KEY, endEvent);
          table.row(Cell.text(outcome), Cell.count(count(rs, "instances")), Cell.text(endEvent == null ? "" : endEvent));
        });
    return table.build();
  }

  private Table cancellationReasons(DashboardPeriod period) {
    Table.Builder table = Table.of("onboarding.cancellations", "Cancellation reasons", "bar",
            "The reasons given for the onboardings started in the period that ended at \"Onboarding cancelled\", "
                + "the " + TOP_REASONS + " most frequent (same text, ignoring case).")
        .text("Reason").charted("Onboardings");
    jdbc.sql("select min(v.text_) as reason, count(*) as instances from act_hi_varinst v "
            + "join act_hi_procinst p on p.id_ = v.proc_inst_id_ "
            + "where v.name_ = ? and p.proc_def_key_ = ? and p.end_act_id_ = ? "
            + "and p.start_time_ >= ? and p.start_time_ < ? "
            + "group by lower(v.text_) order by count(*) desc, min(v.text_) limit " + TOP_REASONS)
        .params(params(OnboardingProcess.CANCELLATION_REASON.name(), KEY, Ids.END_ONBOARDING_CANCELLED,
            period.start(), period.end()))
        .query(rs -> {
          table.row(Cell.text(rs.getString("reason")), Cell.count(count(rs, "instances")));
        });
    return table.build();
  }

  static Cell percent(long part, long whole) {
    if (whole == 0) {
      return new Cell("–", null, null);
    }
    double value = Math.round(1000.0 * part / whole) / 10.0;
    return new Cell(value + " %", value, null);
  }
}
