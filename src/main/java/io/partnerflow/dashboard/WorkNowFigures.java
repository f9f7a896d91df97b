package io.partnerflow.dashboard;

import static io.partnerflow.dashboard.SqlRows.count;
import static io.partnerflow.dashboard.SqlRows.instant;
import static io.partnerflow.dashboard.SqlRows.params;

import io.partnerflow.dashboard.Table.Cell;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The work open now, whatever the period: user tasks per task and candidate group with their age,
 * and the SLA breaches (tasks older than their target, invitations past their second reminder,
 * incidents open longer than their target), each linking to where it is worked.
 */
@Component
class WorkNowFigures {

  static final String TASKLIST_TASK = "/camunda/app/tasklist/default/#/?task=";
  static final String COCKPIT_INSTANCE = "/camunda/app/cockpit/default/#/process-instance/";
  /** The breaches listed, oldest first; the counts cover all of them. */
  static final int LISTED_BREACHES = 25;
  private static final String CANDIDATE_GROUP = "(select min(l.group_id_) from act_ru_identitylink l "
      + "where l.task_id_ = t.id_ and l.type_ = 'candidate' and l.group_id_ is not null)";

  private final JdbcClient jdbc;
  private final DashboardProperties properties;

  WorkNowFigures(JdbcClient jdbc, DashboardProperties properties) {
    this.jdbc = jdbc;
    this.properties = properties;
  }

  Section section(Instant now, ZoneId zone, ProcessNames.Names names, Duration secondReminder) {
    DateTimeFormatter since = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone);
    TaskDeadline deadline = new TaskDeadline(now);
    Table open = openTasks(now, names, deadline);
    List<Table.Cell[]> breaches = new ArrayList<>();
    long taskBreaches = taskBreaches(now, since, names, deadline, breaches);
    long invitationBreaches = invitationBreaches(now, since, secondReminder, breaches);
    long incidentBreaches = incidentBreaches(now, since, names, breaches);
    Table.Builder list = Table.of("work.breaches", "SLA breaches", "none",
            "Open tasks older than their target, invitations still unanswered after their second reminder and "
                + "incidents open longer than " + Durations.readable(properties.incidentTarget().toSeconds() / 3600d)
                + ", the oldest " + LISTED_BREACHES + " of each; tasks link to Tasklist (operators work them there) and to their "
                + "instance in Cockpit, invitations and incidents to Cockpit.")
        .text("Kind").text("What").text("Open since").numeric("Age (h)").text("Target").text("Tasklist").text("Cockpit");
    breaches.forEach(list::row);
    String summary = taskBreaches + " tasks, " + invitationBreaches + " invitations and " + incidentBreaches
        + " incidents past their target";
    return new Section("work", "Work now", summary, List.of(open, list.build()));
  }

  /** "t.create_time_ < the deadline of the task's own target" as SQL, with its parameters. */
  private final class TaskDeadline {
    final String sql;
    final List<Object> parameters = new ArrayList<>();

    TaskDeadline(Instant now) {
      if (properties.taskTargets().isEmpty()) {
        sql = "t.create_time_ < ?";
      } else {
        StringBuilder cases = new StringBuilder("t.create_time_ < case t.task_def_key_");
        for (Map.Entry<String, Duration> target : properties.taskTargets().entrySet()) {
          cases.append(" when ? then cast(? as timestamp)");
          parameters.add(target.getKey());
          parameters.add(now.minus(target.getValue()));
        }
        sql = cases.append(" else cast(? as timestamp) end").toString();
      }
      parameters.add(now.minus(properties.defaultTaskTarget()));
    }
  }

  private Table openTasks(Instant now, ProcessNames.Names names, TaskDeadline deadline) {
    Table.Builder table = Table.of("work.tasks", "Open tasks", "bar",
            "User tasks open now, by task and candidate group: how many, how many are past their target, the oldest.")
        .text("Process").text("Task").text("Candidate group").charted("Open").charted("Past target")
        .numeric("Oldest (h)").text("Target");
    jdbc.sql("select x.process, x.task, x.grp, count(*) as open, sum(x.late) as late, min(x.created) as oldest from ("
            + "select d.key_ as process, t.task_def_key_ as task, coalesce(" + CANDIDATE_GROUP + ", '') as grp, "
            + "t.create_time_ as created, case when " + deadline.sql + " then 1 else 0 end as late "
            + "from act_ru_task t join act_re_procdef d on d.id_ = t.proc_def_id_) x "
            + "group by x.process, x.task, x.grp order by x.process, x.task, x.grp")
        .params(params(deadline.parameters))
        .query(rs -> {
          String process = rs.getString("process");
          String task = rs.getString("task");
          table.row(Cell.text(names.process(process)), Cell.text(names.element(process, task)),
              Cell.text(rs.getString("grp").isEmpty() ? "(none)" : rs.getString("grp")), Cell.count(count(rs, "open")),
              Cell.count(count(rs, "late")), Cell.hours(age(now, instant(rs, "oldest"))),
              Cell.text(Durations.readable(properties.taskTarget(task).toSeconds() / 3600d)));
        });
    return table.build();
  }

  private long taskBreaches(Instant now, DateTimeFormatter since, ProcessNames.Names names, TaskDeadline deadline, List<Cell[]> breaches) {
    String late = " from act_ru_task t join act_re_procdef d on d.id_ = t.proc_def_id_ "
        + "left join act_ru_execution e on e.id_ = t.proc_inst_id_ where " + deadline.sql;
    jdbc.sql("select t.id_ as id, t.task_def_key_ as task, t.create_time_ as created, d.key_ as process, "
            + "t.proc_inst_id_ as instance, "
            + "e.business_key_ as business_key" + late + " order by t.create_time_ limit " + LISTED_BREACHES)
        .params(params(deadline.parameters))
        .query(rs -> {
          String process = rs.getString("process");
          String task = rs.getString("task");
          Instant created = instant(rs, "created");
          String key = rs.getString("business_key");
          breaches.add(new Cell[] {Cell.text("Task"),
              Cell.text(names.element(process, task) + (key == null ? "" : " · " + key)), Cell.text(since.format(created)),
              Cell.hours(age(now, created)), Cell.text(Durations.readable(properties.taskTarget(task).toSeconds() / 3600d)),
              Cell.link("Open task", TASKLIST_TASK + rs.getString("id")),
              Cell.link("Open instance", COCKPIT_INSTANCE + rs.getString("instance") + "/runtime")});
        });
    return jdbc.sql("select count(*)" + late).params(params(deadline.parameters)).query(Long.class).single();
  }

  /** Pending invitations whose second reminder of their latest send went out. */
  private long invitationBreaches(Instant now, DateTimeFormatter since, Duration secondReminder, List<Cell[]> breaches) {
    String late = " from invitation i join sent_mail m on m.mail_key = 'invitation-' || i.id || '-send-' "
        + "|| cast(i.send_count as varchar(10)) || '-reminder-2' where i.status = 'PENDING'";
    jdbc.sql("select i.company_name as company, i.domain_prefix as domain, i.process_instance_id as instance, "
            + "m.sent_at as reminded" + late + " order by m.sent_at limit " + LISTED_BREACHES)
        .query(rs -> {
          Instant reminded = instant(rs, "reminded");
          String instance = rs.getString("instance");
          breaches.add(new Cell[] {Cell.text("Invitation"),
              Cell.text(rs.getString("company") + " · " + rs.getString("domain")), Cell.text(since.format(reminded)),
              Cell.hours(age(now, reminded)),
              Cell.text("answer by the second reminder (" + Durations.readable(secondReminder.toSeconds() / 3600d) + ")"),
              Cell.text(""),
              instance == null ? Cell.text("") : Cell.link("Open instance", COCKPIT_INSTANCE + instance + "/runtime")});
        });
    return jdbc.sql("select count(*)" + late).query(Long.class).single();
  }

  private long incidentBreaches(Instant now, DateTimeFormatter since, ProcessNames.Names names, List<Cell[]> breaches) {
    Instant deadline = now.minus(properties.incidentTarget());
    String late = " from act_ru_incident i join act_re_procdef d on d.id_ = i.proc_def_id_ "
        + "where i.incident_timestamp_ < ?";
    jdbc.sql("select i.proc_inst_id_ as instance, i.activity_id_ as activity, i.incident_timestamp_ as opened, "
            + "i.incident_msg_ as message, d.key_ as process" + late + " order by i.incident_timestamp_ limit "
            + LISTED_BREACHES)
        .params(params(deadline))
        .query(rs -> {
          Instant opened = instant(rs, "opened");
          String message = rs.getString("message");
          breaches.add(new Cell[] {Cell.text("Incident"),
              Cell.text(names.element(rs.getString("process"), rs.getString("activity"))
                  + (message == null ? "" : ": " + abbreviate(message))), Cell.text(since.format(opened)),
              Cell.hours(age(now, opened)),
              Cell.text(Durations.readable(properties.incidentTarget().toSeconds() / 3600d)),
              Cell.text(""),
              Cell.link("Open incident", COCKPIT_INSTANCE + rs.getString("instance") + "/runtime?tab=incidents-tab")});
        });
    return jdbc.sql("select count(*)" + late).params(params(deadline)).query(Long.class).single();
  }

  private static Double age(Instant now, Instant since) {
    return since == null ? null : Duration.between(since, now).toSeconds() / 3600d;
  }

  private static String abbreviate(String message) {
    return message.length() <= 120 ? message : message.substring(0, 119) + "…";
  }
}
