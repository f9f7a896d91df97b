package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralProcess.REFERRAL_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send decline notice" (asynchronous, retried): tells the prospect to choose another partner.
 * The mail's idempotency key ({@code referral-declined-<id>}) keeps a retry from sending twice.
 */
@Component
public class SendReferralDeclineNoticeDelegate implements JavaDelegate {

  private final ReferralRegistry registry;
  private final ReferralMailer mailer;

  public SendReferralDeclineNoticeDelegate(ReferralRegistry registry, ReferralMailer mailer) {
    this.registry = registry;
    this.mailer = mailer;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String referralId = REFERRAL_ID.from(execution);
    Referral referral = registry.find(referralId)
        .orElseThrow(() -> new IllegalStateException("Referral " + referralId + " does not exist"));
    mailer.sendDeclineNotice(referral);
  }
}
