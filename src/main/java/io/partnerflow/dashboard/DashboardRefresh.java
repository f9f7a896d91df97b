package io.partnerflow.dashboard;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Refreshes the dashboard's facts on every node every {@code partnerflow.dashboard.refresh-interval}
 * (the nodes take turns, {@link DashboardFacts}); the first run after a start reads whatever history
 * the facts miss. Off with {@code partnerflow.dashboard.refresh-enabled=false} (the tests refresh
 * when they need to).
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(name = "partnerflow.dashboard.refresh-enabled", havingValue = "true", matchIfMissing = true)
class DashboardRefresh {

  private static final Logger LOG = LoggerFactory.getLogger(DashboardRefresh.class);

  private final DashboardFacts facts;

  DashboardRefresh(DashboardFacts facts) {
    this.facts = facts;
  }

  @Scheduled(initialDelayString = "${partnerflow.dashboard.refresh-initial-delay:PT5S}",
      fixedDelayString = "${partnerflow.dashboard.refresh-interval:PT1M}")
  void refresh() {
    // Caught: a failed refresh (database away) must not stop the next one
    try {
      facts.refresh();
    } catch (RuntimeException e) {
      LOG.warn("Dashboard facts not refreshed: {}", e.getMessage());
    }
  }
}
