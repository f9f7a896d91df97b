package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.onboarding.OnboardingProcess.Errors;
import io.partnerflow.partner.PartnerProfile;
import io.partnerflow.reseller.Reseller;
import io.partnerflow.reseller.ResellerAssignmentPolicy;
import io.partnerflow.reseller.ResellerDirectory;
import io.partnerflow.validation.Violation;
import io.partnerflow.validation.Violations;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Assign reseller": the chosen reseller must be one we may sell through. */
@Component
public class AssignResellerDelegate implements JavaDelegate {

  private final ResellerDirectory directory;
  private final ResellerAssignmentPolicy policy;
  private final PartnerProfile partner;

  public AssignResellerDelegate(ResellerDirectory directory, ResellerAssignmentPolicy policy, PartnerProfile partner) {
    this.directory = directory;
    this.policy = policy;
    this.partner = partner;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String requested = RESELLER_ID.from(execution);
    Optional<Reseller> reseller = directory.find(requested);
    List<Violation> violations = policy.check(requested, reseller, partner.partnerId(), partner.region());
    Violations.enforce(execution, RESELLER_ERRORS, violations, Errors.RESELLER_INVALID);
    RESELLER_NAME.set(execution, reseller.get().name());
    RESELLER_PARTNER_ID.set(execution, reseller.get().partnerId());
  }
}
