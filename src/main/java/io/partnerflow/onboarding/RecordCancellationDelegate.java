package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.AGREEMENT_ERRORS;
import static io.partnerflow.onboarding.OnboardingProcess.CANCELLATION_REASON;

import io.partnerflow.onboarding.OnboardingProcess.Errors;
import io.partnerflow.validation.Violation;
import io.partnerflow.validation.Violations;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/** "Record cancellation": an onboarding only ends without a customer for a stated reason. */
@Component
public class RecordCancellationDelegate implements JavaDelegate {

  private static final Logger LOG = LoggerFactory.getLogger(RecordCancellationDelegate.class);
  static final int MIN_REASON_LENGTH = 3;
  static final int MAX_REASON_LENGTH = 500;

  @Override
  public void execute(DelegateExecution execution) {
    String reason = CANCELLATION_REASON.from(execution);
    String trimmed = reason == null ? "" : reason.trim();
    if (trimmed.length() < MIN_REASON_LENGTH || trimmed.length() > MAX_REASON_LENGTH) {
      Violations.enforce(execution, AGREEMENT_ERRORS, List.of(new Violation(CANCELLATION_REASON.name(),
          "reason-length", "A cancellation needs a reason of " + MIN_REASON_LENGTH + " to " + MAX_REASON_LENGTH
              + " characters")), Errors.CANCELLATION_INVALID);
    }
    CANCELLATION_REASON.set(execution, trimmed);
    LOG.info("Onboarding {} cancelled by {}: {}", execution.getProcessInstanceId(), CurrentUser.of(execution), trimmed);
  }
}
