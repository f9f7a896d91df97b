package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.CUSTOMER_ID;

import io.partnerflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Provision subscriptions", behind an async continuation: a failure is retried with backoff by
 * the job executor and ends in an incident, and a retry never orders a line twice.
 */
@Component
public class ProvisionSubscriptionsDelegate implements JavaDelegate {

  private final ProvisioningService provisioning;

  public ProvisionSubscriptionsDelegate(ProvisioningService provisioning) {
    this.provisioning = provisioning;
  }

  @Override
  public void execute(DelegateExecution execution) {
    provisioning.provision(CUSTOMER_ID.from(execution));
  }
}
