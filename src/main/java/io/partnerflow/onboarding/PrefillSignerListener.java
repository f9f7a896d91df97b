package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.process.ProcessVariable;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** The signer is usually the primary contact: prefill, but never overwrite (or refill) what the operator entered. */
@Component
public class PrefillSignerListener implements ExecutionListener {

  @Override
  public void notify(DelegateExecution execution) {
    prefill(execution, SIGNER_FIRST_NAME, CONTACT_FIRST_NAME);
    prefill(execution, SIGNER_LAST_NAME, CONTACT_LAST_NAME);
    prefill(execution, SIGNER_EMAIL, CONTACT_EMAIL);
    prefill(execution, SIGNER_PHONE, CONTACT_PHONE);
  }

  private static void prefill(DelegateExecution execution, ProcessVariable<String> target, ProcessVariable<String> source) {
    // Only on the first visit: a field the operator cleared stays cleared
    String value = source.from(execution);
    if (!execution.hasVariable(target.name()) && value != null) {
      target.set(execution, value);
    }
  }
}
