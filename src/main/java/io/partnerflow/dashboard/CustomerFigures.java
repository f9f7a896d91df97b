package io.partnerflow.dashboard;

import static io.partnerflow.dashboard.SqlRows.count;
import static io.partnerflow.dashboard.SqlRows.params;

import io.partnerflow.dashboard.Table.Cell;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Customers from our registry's relationship history: onboarded, joined by invitation and
 * relationships ended per week; subscriptions active and suspended now.
 */
@Component
class CustomerFigures {

  private final JdbcClient jdbc;

  CustomerFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Section section(DashboardPeriod period) {
    return new Section("customers", "Customers", null, List.of(perWeek(period), subscriptions(period)));
  }

  private Table perWeek(DashboardPeriod period) {
    WeekIndex week = WeekIndex.of("e.occurred_at", period);
    Map<Integer, long[]> weeks = new HashMap<>();
    jdbc.sql("select x.week, sum(x.onboarded) as onboarded, sum(x.invited) as invited, sum(x.ended) as ended "
            + "from (select " + week.sql() + " as week, "
            + "case when e.source = 'ONBOARDING' then 1 else 0 end as onboarded, "
            + "case when e.source = 'INVITATION' and e.relationship = 'RESELLER' then 1 else 0 end as invited, "
            + "case when e.source = 'END_RELATIONSHIP' and e.relationship = 'NONE' then 1 else 0 end as ended "
            + "from relationship_event e where e.occurred_at >= ? and e.occurred_at < ?) x group by x.week")
        .params(params(week.parameters(), period.start(), period.end()))
        .query(rs -> {
          weeks.put(((Number) rs.getObject("week")).intValue(),
              new long[] {count(rs, "onboarded"), count(rs, "invited"), count(rs, "ended")});
        });
    Table.Builder table = Table.of("customers.weeks", "Customers per week", "stacked",
            "From the customers' relationship history: created by onboarding, reseller relationship established by "
                + "an invitation, relationship ended; weeks Monday to Sunday in your time zone.")
        .text("Week of").charted("Onboarded").charted("Joined by invitation").charted("Relationships ended");
    List<LocalDate> mondays = period.weeks();
    for (int i = 0; i < mondays.size(); i++) {
      long[] figures = weeks.getOrDefault(i, new long[3]);
      table.row(Cell.text(mondays.get(i).toString()), Cell.count(figures[0]), Cell.count(figures[1]),
          Cell.count(figures[2]));
    }
    return table.build();
  }

  private Table subscriptions(DashboardPeriod period) {
    Table.Builder table = Table.of("customers.subscriptions", "Subscriptions", "bar",
            "Subscriptions by their state now, and how many were provisioned or suspended in the period.")
        .text("State").charted("Now").numeric("In the period");
    Map<String, Long> now = new HashMap<>();
    jdbc.sql("select s.status as status, count(*) as subscriptions from subscription s group by s.status")
        .query(rs -> {
          now.put(rs.getString("status"), count(rs, "subscriptions"));
        });
    long provisioned = jdbc.sql("select count(*) from subscription s where s.provisioned_at >= ? and s.provisioned_at < ?")
        .params(params(period.start(), period.end())).query(Long.class).single();
    long suspended = jdbc.sql("select count(*) from subscription s where s.suspended_at >= ? and s.suspended_at < ?")
        .params(params(period.start(), period.end())).query(Long.class).single();
    table.row(Cell.text("Active (provisioned in the period)"), Cell.count(now.getOrDefault("ACTIVE", 0L)),
        Cell.count(provisioned));
    table.row(Cell.text("Suspended"), Cell.count(now.getOrDefault("SUSPENDED", 0L)), Cell.count(suspended));
    return table.build();
  }
}
