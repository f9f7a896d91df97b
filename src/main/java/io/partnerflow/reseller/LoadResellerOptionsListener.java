package io.partnerflow.reseller;

import static io.partnerflow.onboarding.OnboardingProcess.RESELLER_OPTIONS;

import io.partnerflow.onboarding.OnboardingProcess.SelectOption;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** Fills the reseller select of "Select indirect reseller" with the directory's active resellers. */
@Component
public class LoadResellerOptionsListener implements ExecutionListener {

  private final ResellerDirectory directory;

  public LoadResellerOptionsListener(ResellerDirectory directory) {
    this.directory = directory;
  }

  @Override
  public void notify(DelegateExecution execution) {
    RESELLER_OPTIONS.set(execution, directory.activeResellers().stream()
        .map(r -> new SelectOption(r.name() + " (" + r.partnerId() + ", " + r.country() + ")", r.id()))
        .toList());
  }
}
