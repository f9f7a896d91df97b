package io.partnerflow.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.impl.identity.Authentication;

/** The user on whose behalf the engine runs this step (the operator completing a task). */
final class CurrentUser {

  private CurrentUser() {}

  /** The authenticated user, or the process initiator when the step runs in a job. */
  static String of(DelegateExecution execution) {
    Authentication authentication = execution.getProcessEngineServices().getIdentityService().getCurrentAuthentication();
    if (authentication != null && authentication.getUserId() != null) {
      return authentication.getUserId();
    }
    String initiator = OnboardingProcess.INITIATOR.from(execution);
    return initiator != null ? initiator : "system";
  }
}
