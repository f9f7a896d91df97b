package io.partnerflow.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Assign reseller": the chosen reseller must be one we may sell through. */
@Component
public class AssignResellerDelegate implements JavaDelegate {

  private final SubmissionChecks checks;

  public AssignResellerDelegate(SubmissionChecks checks) {
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    checks.reseller(execution);
  }
}
