package io.partnerflow.customerpages;

import io.partnerflow.customer.CustomerDetails;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Formats for the customer templates (model attribute {@code fmt}): UTC times, Cockpit links. */
public final class PageFormats {

  static final String COCKPIT = "/camunda/app/cockpit/default/#";
  /** Our Cockpit plugin's tab of finished instances (Community Edition lists running ones only). */
  static final String FINISHED_INSTANCES_TAB = "partnerflow.finishedInstances";
  private static final DateTimeFormatter DATE_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

  public String dateTime(Instant instant) {
    return instant == null ? "" : DATE_TIME.format(instant);
  }

  public String date(Instant instant) {
    return instant == null ? "" : DATE.format(instant);
  }

  /** A running instance in Cockpit. */
  static String cockpitInstanceUrl(String processInstanceId) {
    return COCKPIT + "/process-instance/" + processInstanceId + "/runtime";
  }

  /** The Cockpit page of a process instance: its runtime view while running, else its definition's finished instances. */
  public String cockpitUrl(CustomerDetails.ProcessRun run) {
    return run.running()
        ? cockpitInstanceUrl(run.id())
        : COCKPIT + "/process-definition/" + run.definitionId() + "/runtime?detailsTab=" + FINISHED_INSTANCES_TAB;
  }
}
