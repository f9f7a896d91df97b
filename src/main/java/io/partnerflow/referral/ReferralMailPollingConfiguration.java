package io.partnerflow.referral;

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

  private final ReferralMailPoller poller;

  public ReferralMailPollingConfiguration(ReferralMailPoller poller) {
    this.poller = poller;
  }

  @Scheduled(initialDelayString = "${partnerflow.referral.mail.poll-interval:PT10S}",
      fixedDelayString = "${partnerflow.referral.mail.poll-interval:PT10S}")
  public void pollReferrals() {
    poller.pollOnce();
  }
}
