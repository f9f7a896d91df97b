package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralProcess.REFERRAL_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** "Expire referral": no decision within 14 days. */
@Component
public class ExpireReferralDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(ExpireReferralDelegate.class);

  private final ReferralRegistry registry;

  public ExpireReferralDelegate(ReferralRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String referralId = REFERRAL_ID.from(execution);
    if (registry.expire(referralId)) {
      log.info("Referral {} expired: no decision within 14 days", referralId);
    } else {
      // The task was still open, so nothing else can have decided it; say so rather than fail the timer
      log.warn("Referral {} was not NEW any more when its decision became overdue; left as it is", referralId);
    }
  }
}
