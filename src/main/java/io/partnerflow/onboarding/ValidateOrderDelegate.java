package io.partnerflow.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** "Validate order": known offers, license counts in range, prerequisites, no duplicate lines. */
@Component
public class ValidateOrderDelegate implements JavaDelegate {

  private final SubmissionChecks checks;

  public ValidateOrderDelegate(SubmissionChecks checks) {
    this.checks = checks;
  }

  @Override
  public void execute(DelegateExecution execution) {
    checks.order(execution);
  }
}
