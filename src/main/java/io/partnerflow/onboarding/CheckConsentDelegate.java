package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.consent.AgreementConsent;
import io.partnerflow.consent.ConsentPolicy;
import io.partnerflow.onboarding.OnboardingProcess.Errors;
import io.partnerflow.validation.Violation;
import io.partnerflow.validation.Violations;
import java.time.Clock;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.stereotype.Component;

/** "Check customer consent": nothing is ordered until the agreement is confirmed properly. */
@Component
public class CheckConsentDelegate implements JavaDelegate {

  private final ConsentPolicy policy;
  private final Clock clock;

  public CheckConsentDelegate(ConsentPolicy policy, Clock clock) {
    this.policy = policy;
    this.clock = clock;
  }

  @Override
  public void execute(DelegateExecution execution) {
    AgreementConsent consent = new AgreementConsent(AGREEMENT_ACCEPTED.from(execution),
        AGREEMENT_DATE_ACCEPTED.from(execution), SIGNER_FIRST_NAME.from(execution), SIGNER_LAST_NAME.from(execution),
        SIGNER_EMAIL.from(execution), SIGNER_PHONE.from(execution));
    List<Violation> violations = policy.check(consent);
    Violations.enforce(execution, AGREEMENT_ERRORS, violations, Errors.CONSENT_MISSING);
    // The attestation names the operator who confirmed it, i.e. who completed the task just now.
    Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    String attestedBy = authentication != null ? authentication.getUserId() : INITIATOR.from(execution);
    ATTESTED_BY.set(execution, attestedBy != null ? attestedBy : "system");
    ATTESTED_AT.set(execution, clock.instant().toString());
  }
}
