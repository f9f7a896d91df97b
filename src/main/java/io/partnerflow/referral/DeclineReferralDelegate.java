package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralProcess.DECLINE_REASON;
import static io.partnerflow.referral.ReferralProcess.REFERRAL_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Decline referral": records the decision, the deciding operator and the (internal) reason. */
@Component
public class DeclineReferralDelegate implements JavaDelegate {

  /** Column {@code referral.decline_reason}; the form allows no more. */
  public static final int REASON_MAX = 1000;

  private final ReferralRegistry registry;

  public DeclineReferralDelegate(ReferralRegistry registry) {
    this.registry = registry;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String referralId = REFERRAL_ID.from(execution);
    if (!registry.decline(referralId, reason(DECLINE_REASON.from(execution)), DecidingUser.of(execution))) {
      throw new IllegalStateException("Referral " + referralId + " is not NEW; it cannot be declined");
    }
  }

  static String reason(String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    String reason = raw.strip();
    return reason.length() <= REASON_MAX ? reason : reason.substring(0, REASON_MAX);
  }
}
