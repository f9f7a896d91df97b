package io.partnerflow.dashboard;

import static io.partnerflow.dashboard.SqlRows.count;
import static io.partnerflow.dashboard.SqlRows.params;

import io.partnerflow.dashboard.Table.Cell;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The onboarding funnel of the instances started in the period: how many reached each stage
 * (one BPMN element that only a passed stage leads to; {@link DashboardFacts} keeps the furthest one
 * per instance), how they ended, and why they were cancelled.
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
  /** The onboardings started in the period, from the dashboard's facts ({@link DashboardFacts}). */
  private static final String COHORT = " from dashboard_instance i where i.process_key = ? "
      + "and i.started_at >= ? and i.started_at < ?";

  private final JdbcClient jdbc;

  OnboardingFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Section section(DashboardPeriod period, ProcessNames.Names names) {
    long[] reached = new long[STAGES.size() + 1];
    StringBuilder sums = new StringBuilder("count(*) as stage0");
    for (int i = 1; i <= STAGES.size(); i++) {
      sums.append(", sum(case when i.stage >= ").append(i).append(" then 1 else 0 end) as stage").append(i);
    }
    jdbc.sql("select " + sums + COHORT).params(params(KEY, period.start(), period.end()))
        .query(rs -> {
          for (int i = 0; i < reached.length; i++) {
            reached[i] = count(rs, "stage" + i);
          }
        });
    return new Section("onboarding", "Onboarding", reached[0] + " onboardings started in the period",
        List.of(funnel(reached), outcomes(period, names), cancellationReasons(period)));
  }

  private Table funnel(long[] reached) {
    Table.Builder table = Table.of("onboarding.funnel", "Onboarding funnel", "funnel",
            "Onboardings started in the period, counted once at each stage they passed (still running ones "
                + "up to where they are).")
        .text("Stage").charted("Onboardings").numeric("% of started")
        .row(Cell.text("Started"), Cell.count(reached[0]), percent(reached[0], reached[0]));
    for (int i = 0; i < STAGES.size(); i++) {
      table.row(Cell.text(STAGES.get(i).label()), Cell.count(reached[i + 1]), percent(reached[i + 1], reached[0]));
    }
    return table.build();
  }

  private Table outcomes(DashboardPeriod period, ProcessNames.Names names) {
    Table.Builder table = Table.of("onboarding.outcomes", "How they ended", "bar",
            "Onboardings started in the period by the end event they reached; running ones have none yet.")
        .text("Outcome").charted("Onboardings").text("End event");
    jdbc.sql("select i.end_event as end_event, case when i.ended_at is null then 1 else 0 end as running, "
            + "count(*) as instances" + COHORT + " group by i.end_event, case when i.ended_at is null then 1 else 0 end "
            + "order by count(*) desc")
        .params(params(KEY, period.start(), period.end()))
        .query(rs -> {
          String endEvent = rs.getString("end_event");
          String outcome = rs.getInt("running") == 1 ? "Still running"
              : endEvent == null ? "Deleted (cancelled in Cockpit or by the API)" : names.element(KEY, endEvent);
          table.row(Cell.text(outcome), Cell.count(count(rs, "instances")), Cell.text(endEvent == null ? "" : endEvent));
        });
    return table.build();
  }

  private Table cancellationReasons(DashboardPeriod period) {
    Table.Builder table = Table.of("onboarding.cancellations", "Cancellation reasons", "bar",
            "The reasons given for the onboardings started in the period that ended at \"Onboarding cancelled\", "
                + "the " + TOP_REASONS + " most frequent (same text, ignoring case).")
        .text("Reason").charted("Onboardings");
    jdbc.sql("select min(i.reason) as reason, count(*) as instances" + COHORT + " and i.end_event = ? "
            + "and i.reason is not null group by lower(i.reason) order by count(*) desc, min(i.reason) limit " + TOP_REASONS)
        .params(params(KEY, period.start(), period.end(), Ids.END_ONBOARDING_CANCELLED))
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
