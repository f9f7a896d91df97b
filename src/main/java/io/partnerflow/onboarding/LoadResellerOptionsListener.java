package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.RESELLER_OPTIONS;

import io.partnerflow.partner.PartnerProfile;
import io.partnerflow.reseller.ResellerAssignmentPolicy;
import io.partnerflow.reseller.ResellerDirectory;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Fills the reseller select of "Select indirect reseller" with the resellers we may sell through:
 * active, agreement signed, our region. "Assign reseller" checks again, as the directory may change.
 */
@Component
public class LoadResellerOptionsListener implements ExecutionListener {

  private final ResellerDirectory directory;
  private final ResellerAssignmentPolicy policy;
  private final PartnerProfile partner;

  public LoadResellerOptionsListener(ResellerDirectory directory, ResellerAssignmentPolicy policy,
      PartnerProfile partner) {
    this.directory = directory;
    this.policy = policy;
    this.partner = partner;
  }

  @Override
  public void notify(DelegateExecution execution) {
    RESELLER_OPTIONS.set(execution, directory.activeResellers().stream()
        .filter(r -> policy.check(r.id(), Optional.of(r), partner.partnerId(), partner.region()).isEmpty())
        .map(r -> new SelectOption(r.name() + " (" + r.partnerId() + ", " + r.country() + ")", r.id()))
        .toList());
  }
}
