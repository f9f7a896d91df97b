package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralProcess.REFERRAL_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Mark referral lost": the active opportunity did not become a customer. */
@Component
public class MarkReferralLostDelegate implements JavaDelegate {

  private final ReferralRegistry registry;

  public MarkReferralLostDelegate(ReferralRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String referralId = REFERRAL_ID.from(execution);
    if (!registry.lost(referralId)) {
      throw new IllegalStateException("Referral " + referralId + " is not ACTIVE; it cannot be marked lost");
    }
  }
}
