package io.partnerflow.dashboard;

import static io.partnerflow.dashboard.SqlRows.count;
import static io.partnerflow.dashboard.SqlRows.decimal;
import static io.partnerflow.dashboard.SqlRows.params;

import io.partnerflow.dashboard.Table.Cell;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Referrals received in the period, from our registry: by source, decision and outcome, and the value won. */
@Component
class ReferralFigures {

  private static final String FIGURES = "count(*) as received, "
      + "sum(case when r.status in ('ACTIVE', 'WON', 'LOST') then 1 else 0 end) as accepted, "
      + "sum(case when r.status = 'DECLINED' then 1 else 0 end) as declined, "
      + "sum(case when r.status = 'EXPIRED' then 1 else 0 end) as expired, "
      + "sum(case when r.status = 'NEW' then 1 else 0 end) as undecided, "
      + "sum(case when r.status = 'WON' then 1 else 0 end) as won, "
      + "sum(case when r.status = 'LOST' then 1 else 0 end) as lost, "
      + "sum(case when r.status = 'WON' then r.estimated_deal_value else 0 end) as value_won";

  private final JdbcClient jdbc;

  ReferralFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Section section(DashboardPeriod period) {
    Table.Builder table = Table.of("referrals.sources", "Referrals by source", "stacked",
            "Referrals received in the period (through the API or the referrals mailbox), by their latest state. "
                + "Accepted = accepted, whatever the outcome since; value won = the estimated deal value of those won.")
        .text("Source").numeric("Received").numeric("Accepted").charted("Declined").charted("Expired")
        .charted("Undecided").charted("Won").charted("Lost").numeric("Value won");
    String from = " from referral r where r.received_at >= ? and r.received_at < ?";
    jdbc.sql("select r.source as source, " + FIGURES + from + " group by r.source order by r.source")
        .params(params(period.start(), period.end()))
        .query(rs -> {
          row(table, "API".equals(rs.getString("source")) ? "API" : "Mail", rs);
        });
    jdbc.sql("select " + FIGURES + from)
        .params(params(period.start(), period.end()))
        .query(rs -> {
          if (count(rs, "received") > 0) {
            row(table, "All", rs);
          }
        });
    return new Section("referrals", "Referrals", null, List.of(table.build()));
  }

  private static void row(Table.Builder table, String source, ResultSet rs) throws SQLException {
    Double value = decimal(rs, "value_won");
    table.row(Cell.text(source), Cell.count(count(rs, "received")), Cell.count(count(rs, "accepted")),
        Cell.count(count(rs, "declined")), Cell.count(count(rs, "expired")), Cell.count(count(rs, "undecided")),
        Cell.count(count(rs, "won")), Cell.count(count(rs, "lost")),
        Cell.number(value == null ? 0.0 : value, BigDecimal.valueOf(value == null ? 0.0 : value)
            .setScale(2, RoundingMode.HALF_UP).toPlainString()));
  }
}
