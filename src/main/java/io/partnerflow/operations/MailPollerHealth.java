package io.partnerflow.operations;

import io.partnerflow.mail.MailboxPolling;
import java.time.Duration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * One IMAP poller's health: DOWN when it polls on a schedule and its last successful poll (or, if
 * it never succeeded, its start) is older than {@code staleIntervals} poll intervals. A poller
 * that is switched off, or has no mailbox to read, is not DOWN: nothing is expected of it.
 */
public class MailPollerHealth implements HealthIndicator {

  private final MailboxPolling polling;
  private final int staleIntervals;

  public MailPollerHealth(MailboxPolling polling, int staleIntervals) {
    this.polling = polling;
    this.staleIntervals = staleIntervals;
  }

  @Override
  public Health health() {
    if (!polling.scheduled()) {
      return Health.up().withDetail("polling", "disabled").build();
    }
    if (!polling.configured()) {
      return Health.up().withDetail("polling", "no mailbox configured").build();
    }
    Duration lag = polling.lag();
    Duration staleAfter = polling.interval().multipliedBy(staleIntervals);
    Health.Builder health = lag.compareTo(staleAfter) > 0 ? Health.down() : Health.up();
    health.withDetail("lagSeconds", lag.toMillis() / 1000.0)
        .withDetail("staleAfterSeconds", staleAfter.toMillis() / 1000.0);
    polling.lastSuccess().ifPresent(at -> health.withDetail("lastSuccess", at.toString()));
    polling.lastFailure().ifPresent(at -> health.withDetail("lastFailure", at.toString()));
    polling.lastError().ifPresent(error -> health.withDetail("lastError", error));
    return health.build();
  }
}
