package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.REVIEW_REACHED;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** From the review on, an account-info edit returns to the review instead of starting over. */
@Component
public class MarkReviewReachedListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    REVIEW_REACHED.set(execution, true);
  }
}
