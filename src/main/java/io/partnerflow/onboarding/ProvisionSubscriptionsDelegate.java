package io.partnerflow.onboarding;

import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.provisioning.ProvisioningService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Provision subscriptions", behind an async continuation: a failure is retried with backoff by
 * the job executor and ends in an incident, and a retry never orders a line twice. It orders for
 * the customer this instance created, found in the registry; {@code customerId} is a variable a
 * client could have changed since.
 */
@Component
public class ProvisionSubscriptionsDelegate implements JavaDelegate {

  private final CustomerRegistry customers;
  private final ProvisioningService provisioning;

  public ProvisionSubscriptionsDelegate(CustomerRegistry customers, ProvisioningService provisioning) {
    this.customers = customers;
    this.provisioning = provisioning;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String processInstanceId = execution.getProcessInstanceId();
    provisioning.provision(customers.findIdByOnboardingProcessInstance(processInstanceId)
        .orElseThrow(() -> new IllegalStateException(
            "Onboarding " + processInstanceId + " created no customer in the registry: nothing to order")),
        processInstanceId);
  }
}
