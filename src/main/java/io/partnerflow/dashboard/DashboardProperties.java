package io.partnerflow.dashboard;

import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The manager dashboard's settings ({@code partnerflow.dashboard.*}).
 *
 * @param defaultZone the time zone of a dashboard opened without one (the page then asks the browser's)
 * @param defaultDays the period shown when none is chosen: the last this many days, today included
 * @param maxDays the longest period one page may cover
 * @param taskTargets how long a user task may stay open before it breaches its SLA, by task id
 *     ({@code Task_Review: PT8H}); tasks without an entry use {@code defaultTaskTarget}
 * @param defaultTaskTarget the SLA target of a user task without its own
 * @param incidentTarget how long an incident may stay open before it breaches its SLA
 */
@ConfigurationProperties("partnerflow.dashboard")
public record DashboardProperties(
    @DefaultValue("UTC") ZoneId defaultZone,
    @DefaultValue("30") int defaultDays,
    @DefaultValue("400") int maxDays,
    Map<String, Duration> taskTargets,
    @DefaultValue("P1D") Duration defaultTaskTarget,
    @DefaultValue("PT4H") Duration incidentTarget) {

  public DashboardProperties {
    taskTargets = taskTargets == null ? Map.of() : Map.copyOf(taskTargets);
  }

  public Duration taskTarget(String taskDefinitionKey) {
    return taskTargets.getOrDefault(taskDefinitionKey, defaultTaskTarget);
  }
}
