package io.partnerflow.referral;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls the referrals mailbox on a schedule. Off with {@code partnerflow.referral.mail.enabled=false}
 * (tests), where {@link ReferralMailPoller#pollOnce()} is called directly instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(prefix = "partnerflow.referral.mail", name = "enabled", havingValue = "true",
    matchIfMissing = true)
public class ReferralMailPollingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ReferralMailPollingConfiguration.class);

  private final ReferralMailPoller poller;

  public ReferralMailPollingConfiguration(ReferralMailPoller poller) {
    this.poller = poller;
  }

  @Scheduled(initialDelayString = "${partnerflow.referral.mail.poll-interval:PT10S}",
      fixedDelayString = "${partnerflow.referral.mail.poll-interval:PT10S}")
  public void pollReferrals() {
    // pollOnce reports an unreachable mailbox itself; anything else it throws ends this poll only.
    // Caught here rather than left to the scheduler's error handler, which may be one that rethrows,
    // and a periodic task that throws is never run again.
    try {
      poller.pollOnce();
    } catch (RuntimeException e) {
      log.warn("Polling the referrals mailbox failed; trying again at the next interval", e);
    }
  }
}
