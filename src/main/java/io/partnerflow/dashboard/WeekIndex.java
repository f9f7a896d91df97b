package io.partnerflow.dashboard;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.zone.ZoneOffsetTransition;
import java.util.ArrayList;
import java.util.List;

/**
 * The SQL for "which week of the period, in the manager's zone, does this timestamp fall in"
 * (0 = the week of {@link DashboardPeriod#firstWeekStart()}), computed row by row without a join:
 * the seconds since the first Monday, corrected by the zone's offset changes (summer time) inside
 * the period, so a week starts at Monday 00:00 local time all year.
 */
final class WeekIndex {

  private static final int WEEK_SECONDS = 7 * 24 * 3600;

  private final String sql;
  private final List<Object> parameters;

  private WeekIndex(String sql, List<Object> parameters) {
    this.sql = sql;
    this.parameters = parameters;
  }

  /** The week index of {@code column} (a timestamp column or expression, ours, never user input). */
  static WeekIndex of(String column, DashboardPeriod period) {
    List<Object> parameters = new ArrayList<>();
    StringBuilder sql = new StringBuilder("floor((extract(epoch from ").append(column)
        .append(") - extract(epoch from cast(? as timestamp))");
    Instant origin = period.firstWeekStart();
    parameters.add(Timestamp.from(origin));
    ZoneOffsetTransition transition = period.zone().getRules().nextTransition(origin);
    while (transition != null && transition.getInstant().isBefore(period.end())) {
      int shift = transition.getOffsetAfter().getTotalSeconds() - transition.getOffsetBefore().getTotalSeconds();
      sql.append(" + case when ").append(column).append(" >= ? then ").append(shift).append(" else 0 end");
      parameters.add(Timestamp.from(transition.getInstant()));
      transition = period.zone().getRules().nextTransition(transition.getInstant());
    }
    sql.append(") / ").append(WEEK_SECONDS).append(")");
    return new WeekIndex(sql.toString(), List.copyOf(parameters));
  }

  String sql() {
    return sql;
  }

  List<Object> parameters() {
    return parameters;
  }
}
