package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import java.time.Clock;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** "Check customer consent": nothing is ordered until the agreement is confirmed properly. */
@Component
public class CheckConsentDelegate implements JavaDelegate {

  private final SubmissionChecks checks;
  private final Clock clock;

  public CheckConsentDelegate(SubmissionChecks checks, Clock clock) {
    this.checks = checks;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    checks.consent(execution);
    // Shown on the review; the attestation itself names who completed the task, from history (SubmissionChecks)
    Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String attestedBy = authentication != null ? authentication.getUserId() : INITIATOR.from(execution);
    ATTESTED_BY.set(execution, attestedBy != null ? attestedBy : "system");
    ATTESTED_AT.set(execution, clock.instant().toString());
  }
}
