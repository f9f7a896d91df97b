package io.partnerflow.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** {@code target/faults/report.md}: what ran, against which jar, and the rows. */
final class Report {

  private Report() {}

  static Path write(FaultSettings settings, List<Row> rows, Duration took) throws Exception {
    StringBuilder md = new StringBuilder("# Fault suite\n\n");
    md.append("- run: ").append(Instant.now()).append(", ").append(took.toSeconds()).append(" s\n");
    md.append("- jar: `").append(settings.jar().getFileName()).append("` (")
        .append(Files.getLastModifiedTime(settings.jar())).append(")\n");
    md.append("- settings: rounds ").append(settings.rounds()).append(", scenarios ").append(settings.scenarios())
        .append(", db ").append(settings.dbs()).append(", deadline ").append(settings.deadlineSeconds())
        .append(" s, fail-over deadline ").append(settings.failoverDeadlineSeconds()).append(" s, hold ")
        .append(settings.holdSeconds()).append(" s, outage ").append(settings.outageSeconds()).append(" s, batch ")
        .append(settings.batch()).append(", submits ").append(settings.submits()).append(", window ")
        .append(settings.windowMillis()).append(" ms, seed ").append(settings.seed()).append('\n');
    if (!settings.nodeArgs().isEmpty()) {
      md.append("- extra node arguments: `").append(String.join(" ", settings.nodeArgs())).append("`\n");
    }
    md.append('\n').append(Row.HEADER).append('\n');
    rows.forEach(row -> md.append(row.markdown()).append('\n'));
    md.append("\nundone = a submit answered 2xx whose task was open again after the restart (or whose instance"
        + " was gone); not finished = not at *Customer onboarded* by the deadline; duplicates = extra welcome"
        + " mails stored by the SMTP server outside the crash window, extra customers or subscriptions;"
        + " window duplicates = extra mails whose first copy the server took shortly before a kill"
        + " (between the server's acceptance and our `sent_mail` commit) with no proof of that commit"
        + " before the kill (the node's \"Sent mail <key>\" log line, or the hand-over acknowledged), or whose"
        + " first copy's final reply the product gave up waiting for (its read timeout); lost = an onboarded customer"
        + " without a stored mail, or a `sent_mail` row without one. Scenario 8 counts invitations in the"
        + " onboardings column: undone = an invitation answered 201 or an acceptance answered 200 that the restart"
        + " took back; not finished = not at *Relationship established* by the deadline; its mails are the"
        + " invitation mails and the notice to operations.\n");
    Path report = settings.out().resolve("report.md");
    Files.writeString(report, md.toString());
    return report;
  }
}
