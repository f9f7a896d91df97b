package io.partnerflow.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.partnerflow.mail.MailboxPoller;
import io.partnerflow.mail.MailboxPolling;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Per IMAP poller: seconds since its last successful poll (NaN when it does not poll on a schedule
 * or has no mailbox), and its poll interval, so an alert can compare the two.
 */
@Component
class MailPollerGauges implements MeterBinder {

  static final String LAG = "partnerflow.mail.poller.lag";
  static final String INTERVAL = "partnerflow.mail.poller.interval";

  private final ObjectProvider<MailboxPoller> pollers;

  MailPollerGauges(ObjectProvider<MailboxPoller> pollers) {
    this.pollers = pollers;
  }

  @Override
  public void bindTo(MeterRegistry registry) {
    pollers.orderedStream().map(MailboxPoller::polling).forEach(polling -> {
      Gauge.builder(LAG, polling, MailPollerGauges::lagSeconds).baseUnit("seconds")
          .description("Seconds since the poller last read its mailbox successfully")
          .tag("poller", polling.name()).strongReference(true).register(registry);
      Gauge.builder(INTERVAL, polling, p -> p.interval().toMillis() / 1000.0).baseUnit("seconds")
          .description("The poller's interval between two polls")
          .tag("poller", polling.name()).strongReference(true).register(registry);
    });
  }

  static double lagSeconds(MailboxPolling polling) {
    if (!polling.scheduled() || !polling.configured()) {
      return Double.NaN;
    }
    return polling.lag().toMillis() / 1000.0;
  }
}
