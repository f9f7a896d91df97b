package io.partnerflow.operations;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings of the health checks and metrics.
 *
 * @param smtpConnectTimeout how long the mail health check waits for the SMTP server to accept a connection
 * @param smtpCheckCacheFor how long one SMTP check's result is reused, so frequent probes do not each connect
 * @param pollerStaleIntervals a scheduled mailbox poller is DOWN when its last successful poll is
 *     older than this many poll intervals
 * @param engineMetricsCacheFor how long the engine gauges (jobs, incidents, tasks) reuse one set of
 *     count queries, so a burst of scrapes does not query the database each time
 */
@ConfigurationProperties("partnerflow.operations")
public record OperationsProperties(
    @DefaultValue("PT2S") Duration smtpConnectTimeout,
    @DefaultValue("PT5S") Duration smtpCheckCacheFor,
    @DefaultValue("3") int pollerStaleIntervals,
    @DefaultValue("PT10S") Duration engineMetricsCacheFor) {

  public OperationsProperties {
    requireNonNegative("smtp-connect-timeout", smtpConnectTimeout, false);
    requireNonNegative("smtp-check-cache-for", smtpCheckCacheFor, true);
    requireNonNegative("engine-metrics-cache-for", engineMetricsCacheFor, true);
    if (pollerStaleIntervals < 1) {
      throw new IllegalArgumentException("partnerflow.operations.poller-stale-intervals must be at least 1, not "
          + pollerStaleIntervals);
    }
  }

  private static void requireNonNegative(String name, Duration value, boolean zeroAllowed) {
    if (value == null || value.isNegative() || (!zeroAllowed && value.isZero())) {
      throw new IllegalArgumentException("partnerflow.operations." + name + " must be "
          + (zeroAllowed ? "zero or more" : "positive") + ", not " + value);
    }
  }
}
