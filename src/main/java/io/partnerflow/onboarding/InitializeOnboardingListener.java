package io.partnerflow.onboarding;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * The process's start listener: every start (Tasklist's start form, the API, a referral) gets the
 * defaults of {@link OnboardingStarter}, kept there so they are written down once.
 */
@Component
public class InitializeOnboardingListener implements ExecutionListener {

  private final OnboardingStarter starter;

  public InitializeOnboardingListener(OnboardingStarter starter) {
    this.starter = starter;
  }

  @Override
  public void notify(DelegateExecution execution) {
    starter.applyDefaults(execution);
  }
}
