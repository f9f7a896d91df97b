package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.EXISTING_COMPANY_NAME;
import static io.partnerflow.onboarding.OnboardingProcess.EXISTING_CUSTOMER_ID;

import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/**
 * Before the operator is told that the domain belongs to an existing customer: that customer's
 * name, so the note says whose tenant it is, not only its id.
 */
@Component
public class LoadExistingCustomerListener implements ExecutionListener {

  private final CustomerRegistry customers;

  public LoadExistingCustomerListener(CustomerRegistry customers) {
    this.customers = customers;
  }

  @Override
  public void notify(DelegateExecution execution) {
    String customerId = EXISTING_CUSTOMER_ID.get(execution);
    EXISTING_COMPANY_NAME.set(execution,
        customerId == null ? null : customers.find(customerId).map(CustomerRecord::companyName).orElse(null));
  }
}
