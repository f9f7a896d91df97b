package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.ACCOUNT_INFO_ERRORS;
import static io.partnerflow.onboarding.OnboardingProcess.ADMIN_USER_NAME;
import static io.partnerflow.onboarding.OnboardingProcess.MICROSOFT_TENANT_ID;

import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.onboarding.OnboardingProcess.Errors;
import io.partnerflow.provisioning.CustomerRejectedException;
import io.partnerflow.provisioning.CustomerTenants;
import io.partnerflow.provisioning.ProvisioningService;
import io.partnerflow.validation.Violation;
import io.partnerflow.validation.Violations;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Provision subscriptions", behind an async continuation: a failure is retried with backoff by
 * the job executor and ends in an incident, and a retry never orders a line twice. It orders for
 * the customer this instance created, found in the registry; {@code customerId} is a variable a
 * client could have changed since. When Partner Center refuses to create the customer's tenant (an
 * address or domain it will not take), the record is withdrawn and the operator corrects the account
 * info with Microsoft's reason; any other refusal fails the job and ends in an incident with the reason.
 */
@Component
public class ProvisionSubscriptionsDelegate implements JavaDelegate {

  private final CustomerRegistry customers;
  private final ProvisioningService provisioning;
  private final CustomerTenants tenants;

  public ProvisionSubscriptionsDelegate(CustomerRegistry customers, ProvisioningService provisioning,
      CustomerTenants tenants) {
    this.customers = customers;
    this.provisioning = provisioning;
    this.tenants = tenants;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String processInstanceId = execution.getProcessInstanceId();
    String customerId = customers.findIdByOnboardingProcessInstance(processInstanceId)
        .orElseThrow(() -> new IllegalStateException(
            "Onboarding " + processInstanceId + " created no customer in the registry: nothing to order"));
    try {
      provisioning.provision(customerId, processInstanceId);
    } catch (CustomerRejectedException rejected) {
      // Nothing exists at Microsoft: take the record back and let the operator correct the account info
      customers.withdrawRefusedOnboarding(customerId);
      Violations.enforce(execution, ACCOUNT_INFO_ERRORS, List.of(new Violation(
          rejected.aboutTheDomain() ? "domainPrefix" : "partnerCenter", "partnerCenterRejected",
          "Partner Center refused to create the customer: " + rejected.description()
              + (rejected.code() == null ? "" : " (code " + rejected.code() + ")"))),
          Errors.ACCOUNT_INFO_INVALID);
    }
    tenants.tenantOf(customerId).ifPresent(tenantId -> MICROSOFT_TENANT_ID.set(execution, tenantId));
    tenants.adminCredentials(customerId).ifPresent(credentials -> ADMIN_USER_NAME.set(execution, credentials.userName()));
  }
}
