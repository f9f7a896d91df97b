package io.partnerflow.dashboard;

import static io.partnerflow.dashboard.SqlRows.count;
import static io.partnerflow.dashboard.SqlRows.decimal;
import static io.partnerflow.dashboard.SqlRows.params;
import static io.partnerflow.dashboard.SqlRows.placeholders;

import io.partnerflow.dashboard.Table.Cell;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How long things take: instances start to end (per process, per week), user tasks waiting
 * (created → claimed) and working (claimed → completed), async steps from due to done and the
 * retries they needed. Percentiles are computed by the database ({@code percentile_cont}) over the
 * dashboard's facts ({@link DashboardFacts}: one row per instance, completed task and job).
 */
@Component
class CycleTimeFigures {

  private final JdbcClient jdbc;

  CycleTimeFigures(JdbcClient jdbc) {
    this.jdbc = jdbc;
  }

  Section section(DashboardPeriod period, ProcessNames.Names names, List<String> processKeys) {
    return new Section("cycle", "Cycle times", "Of the instances, tasks and steps that ended in the period",
        List.of(perProcess(period, names, processKeys), perWeek(period, names, processKeys),
            userTasks(period, names, processKeys), asyncSteps(period, names, processKeys)));
  }

  private Table perProcess(DashboardPeriod period, ProcessNames.Names names, List<String> keys) {
    Table.Builder table = Table.of("cycle.processes", "Start to end, per process", "bar",
            "Instances that ended in the period, from their start to their end.")
        .text("Process").numeric("Ended").charted("p50 (h)").charted("p90 (h)");
    jdbc.sql("select i.process_key as process, count(*) as ended, "
            + "percentile_cont(0.5) within group (order by i.duration_ms) as p50, "
            + "percentile_cont(0.9) within group (order by i.duration_ms) as p90 from dashboard_instance i "
            + "where i.ended_at >= ? and i.ended_at < ? and i.process_key in (" + placeholders(keys.size()) + ") "
            + "group by i.process_key order by i.process_key")
        .params(params(period.start(), period.end(), keys))
        .query(rs -> {
          table.row(Cell.text(names.process(rs.getString("process"))), Cell.count(count(rs, "ended")),
              Cell.hours(Durations.hoursFromMillis(decimal(rs, "p50"))),
              Cell.hours(Durations.hoursFromMillis(decimal(rs, "p90"))));
        });
    return table.build();
  }

  private Table perWeek(DashboardPeriod period, ProcessNames.Names names, List<String> keys) {
    WeekIndex week = WeekIndex.of("i.ended_at", period);
    Map<String, Map<Integer, Double[]>> byProcess = new LinkedHashMap<>();
    jdbc.sql("select x.process, x.week, count(*) as ended, "
            + "percentile_cont(0.5) within group (order by x.duration) as p50, "
            + "percentile_cont(0.9) within group (order by x.duration) as p90 from ("
            + "select i.process_key as process, " + week.sql() + " as week, i.duration_ms as duration "
            + "from dashboard_instance i where i.ended_at >= ? and i.ended_at < ? "
            + "and i.process_key in (" + placeholders(keys.size()) + ")) x group by x.process, x.week")
        .params(params(week.parameters(), period.start(), period.end(), keys))
        .query(rs -> {
          byProcess.computeIfAbsent(rs.getString("process"), k -> new LinkedHashMap<>())
              .put(((Number) rs.getObject("week")).intValue(), new Double[] {(double) count(rs, "ended"),
                  Durations.hoursFromMillis(decimal(rs, "p50")), Durations.hoursFromMillis(decimal(rs, "p90"))});
        });
    Table.Builder table = Table.of("cycle.weeks", "Start to end, per week", "line",
            "Instances that ended in each week (Monday to Sunday in your time zone), p50 and p90 from start to end.")
        .text("Week of").text("Process").numeric("Ended").charted("p50 (h)").numeric("p90 (h)");
    List<LocalDate> weeks = period.weeks();
    for (String key : keys) {
      Map<Integer, Double[]> perWeek = byProcess.get(key);
      if (perWeek == null) {
        continue;
      }
      for (int i = 0; i < weeks.size(); i++) {
        Double[] figures = perWeek.get(i);
        table.row(Cell.text(weeks.get(i).toString()), Cell.text(names.process(key)),
            Cell.count(figures == null ? 0 : figures[0].longValue()),
            Cell.hours(figures == null ? null : figures[1]), Cell.hours(figures == null ? null : figures[2]));
      }
    }
    return table.build();
  }

  private Table userTasks(DashboardPeriod period, ProcessNames.Names names, List<String> keys) {
    Table.Builder table = Table.of("cycle.tasks", "User tasks: waiting and working", "stacked",
            "Tasks completed in the period. Waiting: created until first claimed (assigned); working: claimed "
                + "until completed. A task completed without a claim counts as waiting all along.")
        .text("Process").text("Task").numeric("Completed").charted("Waiting p50 (h)").numeric("Waiting p90 (h)")
        .charted("Working p50 (h)").numeric("Working p90 (h)");
    jdbc.sql("select t.process_key as process, t.task_key as task, count(*) as completed, "
            + "percentile_cont(0.5) within group (order by t.waiting_s) as waiting50, "
            + "percentile_cont(0.9) within group (order by t.waiting_s) as waiting90, "
            + "percentile_cont(0.5) within group (order by t.working_s) as working50, "
            + "percentile_cont(0.9) within group (order by t.working_s) as working90 from dashboard_task t "
            + "where t.completed_at >= ? and t.completed_at < ? and t.process_key in (" + placeholders(keys.size()) + ") "
            + "group by t.process_key, t.task_key order by t.process_key, t.task_key")
        .params(params(period.start(), period.end(), keys))
        .query(rs -> {
          String process = rs.getString("process");
          table.row(Cell.text(names.process(process)), Cell.text(names.element(process, rs.getString("task"))),
              Cell.count(count(rs, "completed")),
              Cell.hours(Durations.hoursFromSeconds(decimal(rs, "waiting50"))),
              Cell.hours(Durations.hoursFromSeconds(decimal(rs, "waiting90"))),
              Cell.hours(Durations.hoursFromSeconds(decimal(rs, "working50"))),
              Cell.hours(Durations.hoursFromSeconds(decimal(rs, "working90"))));
        });
    return table.build();
  }

  private Table asyncSteps(DashboardPeriod period, ProcessNames.Names names, List<String> keys) {
    Table.Builder table = Table.of("cycle.steps", "Async steps: time to done and retries", "bar",
            "Steps run by the job executor (mail, provisioning, Partner Center) whose job was created in the period: "
                + "from created to done, and the failed attempts before (each one a retry).")
        .text("Process").text("Step").numeric("Jobs").numeric("Done").charted("p50 (h)").charted("p90 (h)")
        .numeric("Failed attempts").numeric("Jobs that needed a retry");
    jdbc.sql("select x.process, x.step, count(*) as jobs, count(x.done) as done, "
            + "percentile_cont(0.5) within group (order by x.done) as p50, "
            + "percentile_cont(0.9) within group (order by x.done) as p90, "
            + "sum(x.failures) as failures, sum(case when x.failures > 0 then 1 else 0 end) as retried from ("
            + "select j.process_key as process, j.step as step, j.failures as failures, "
            + "extract(epoch from j.done_at) - extract(epoch from j.created_at) as done from dashboard_job j "
            + "where j.created_at >= ? and j.created_at < ? and j.process_key in (" + placeholders(keys.size()) + ")) x "
            + "group by x.process, x.step order by x.process, x.step")
        .params(params(period.start(), period.end(), keys))
        .query(rs -> {
          String process = rs.getString("process");
          table.row(Cell.text(names.process(process)), Cell.text(names.element(process, rs.getString("step"))),
              Cell.count(count(rs, "jobs")), Cell.count(count(rs, "done")),
              Cell.hours(Durations.hoursFromSeconds(decimal(rs, "p50"))),
              Cell.hours(Durations.hoursFromSeconds(decimal(rs, "p90"))),
              Cell.count(count(rs, "failures")), Cell.count(count(rs, "retried")));
        });
    return table.build();
  }
}
