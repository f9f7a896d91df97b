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
    // None when the domain belongs to a Microsoft tenant our registry does not know (api mode)
    EXISTING_COMPANY_NAME.set(execution, EXISTING_CUSTOMER_ID.optionalFrom(execution)
        .flatMap(customers::find).map(CustomerRecord::companyName).orElse(null));
  }
}
