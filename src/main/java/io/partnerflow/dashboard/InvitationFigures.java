package io.partnerflow.dashboard;

import static io.partnerflow.dashboard.SqlRows.count;
import static io.partnerflow.dashboard.SqlRows.decimal;
import static io.partnerflow.dashboard.SqlRows.params;

import io.partnerflow.dashboard.Table.Cell;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Invitations to connect registered in the period, from our registry (which keeps every
 * invitation, also past the engine's history time-to-live): how they were answered, by language,
 * reminders, decline reasons.
 */
@Component
class InvitationFigures {

  static final int TOP_REASONS = 10;
  /** What an invitation's latest state says about its answer (a resend starts it over). */
  private static final String OUTCOMES = "count(*) as sent, sum(i.send_count - 1) as resent, "
      + "sum(case when i.status = 'ACCEPTED' and i.answer_channel = 'LINK' then 1 else 0 end) as by_link, "
      + "sum(case when i.status = 'ACCEPTED' and i.answer_channel = 'EMAIL' then 1 else 0 end) as by_email, "
      + "sum(case when i.status <> 'ACCEPTED' and i.answered_at is not null then 1 else 0 end) as declined, "
      + "sum(case when i.answered_at is null and i.status in ('EXPIRED', 'CLOSED') then 1 else 0 end) as expired, "
      + "sum(case when i.status = 'PENDING' then 1 else 0 end) as pending, "
      + "percentile_cont(0.5) within group (order by extract(epoch from i.answered_at) "
      + "- extract(epoch from i.created_at)) as answer50, "
      + "percentile_cont(0.9) within group (order by extract(epoch from i.answered_at) "
      + "- extract(epoch from i.created_at)) as answer90";
  private static final String IN_PERIOD = "from invitation i where i.created_at >= ? and i.created_at < ?";

  private final JdbcClient jdbc;

  InvitationFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Section section(DashboardPeriod period) {
    Table byLanguage = outcomes(period);
    long reminders = jdbc.sql("select count(*) from sent_mail m where m.mail_key like 'invitation-%' "
            + "and m.mail_key like '%-reminder-%' and m.sent_at >= ? and m.sent_at < ?")
        .params(params(period.start(), period.end())).query(Long.class).single();
    return new Section("invitations", "Invitations", reminders + " reminders sent in the period",
        List.of(byLanguage, declineReasons(period)));
  }

  private Table outcomes(DashboardPeriod period) {
    Table.Builder table = Table.of("invitations.outcomes", "Invitations by answer and language", "stacked",
            "Invitations registered in the period, by their latest state: accepted on the page (link) or by email "
                + "reply, declined, expired or closed unanswered, still waiting. Time to answer: from registered to "
                + "answered (accepted or declined).")
        .text("Language").numeric("Sent").numeric("Resent").charted("Accepted (link)").charted("Accepted (email)")
        .charted("Declined").charted("Expired").charted("Waiting").numeric("Answer p50 (h)").numeric("Answer p90 (h)");
    jdbc.sql("select i.language as language, " + OUTCOMES + " " + IN_PERIOD + " group by i.language order by i.language")
        .params(params(period.start(), period.end()))
        .query(rs -> {
          row(table, rs.getString("language").toUpperCase(Locale.ROOT), rs);
        });
    jdbc.sql("select " + OUTCOMES + " " + IN_PERIOD)
        .params(params(period.start(), period.end()))
        .query(rs -> {
          if (count(rs, "sent") > 0) {
            row(table, "All", rs);
          }
        });
    return table.build();
  }

  private static void row(Table.Builder table, String language, ResultSet rs) throws SQLException {
    table.row(Cell.text(language), Cell.count(count(rs, "sent")), Cell.count(count(rs, "resent")),
        Cell.count(count(rs, "by_link")), Cell.count(count(rs, "by_email")), Cell.count(count(rs, "declined")),
        Cell.count(count(rs, "expired")), Cell.count(count(rs, "pending")),
        Cell.hours(Durations.hoursFromSeconds(decimal(rs, "answer50"))),
        Cell.hours(Durations.hoursFromSeconds(decimal(rs, "answer90"))));
  }

  private Table declineReasons(DashboardPeriod period) {
    Table.Builder table = Table.of("invitations.declines", "Decline reasons", "bar",
            "Reasons customers gave when declining an invitation registered in the period, the " + TOP_REASONS
                + " most frequent (same text, ignoring case); declines without a reason count as \"(none given)\".")
        .text("Reason").charted("Invitations");
    jdbc.sql("select min(coalesce(i.decline_reason, '')) as reason, count(*) as invitations " + IN_PERIOD
            + " and i.status <> 'ACCEPTED' and i.answered_at is not null "
            + "group by lower(coalesce(i.decline_reason, '')) order by count(*) desc, min(coalesce(i.decline_reason, '')) "
            + "limit " + TOP_REASONS)
        .params(params(period.start(), period.end()))
        .query(rs -> {
          String reason = rs.getString("reason");
          table.row(Cell.text(reason.isBlank() ? "(none given)" : reason), Cell.count(count(rs, "invitations")));
        });
    return table.build();
  }
}
