package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.INDIRECT_PROVIDER;
import static io.partnerflow.onboarding.OnboardingProcess.REVIEW_REACHED;
import static io.partnerflow.onboarding.OnboardingProcess.STARTED_BY_API;

import io.partnerflow.partner.PartnerProfile;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Sets the variables the gateways read before any form could. Whether we are an indirect provider
 * comes from configuration, never from the start form, so nobody skips the reseller step.
 */
@Component
public class InitializeOnboardingListener implements ExecutionListener {

  private final PartnerProfile partner;

  public InitializeOnboardingListener(PartnerProfile partner) {
    this.partner = partner;
  }

  @Override
  public void notify(DelegateExecution execution) {
    INDIRECT_PROVIDER.set(execution, partner.indirectProvider());
    REVIEW_REACHED.set(execution, false);
    // Only the API sets it; the gateways need a value either way
    STARTED_BY_API.set(execution, Boolean.TRUE.equals(STARTED_BY_API.from(execution)));
  }
}
