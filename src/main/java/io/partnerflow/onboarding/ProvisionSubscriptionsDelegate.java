package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.ACCOUNT_INFO_ERRORS;
import static io.partnerflow.onboarding.OnboardingProcess.ADMIN_USER_NAME;
import static io.partnerflow.onboarding.OnboardingProcess.AGREEMENT_ERRORS;
import static io.partnerflow.onboarding.OnboardingProcess.ORDER_ERRORS;
import static io.partnerflow.onboarding.OnboardingProcess.MICROSOFT_TENANT_ID;

import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.OnboardingResubmission;
import io.partnerflow.onboarding.OnboardingProcess.Errors;
import io.partnerflow.provisioning.AgreementRejectedException;
import io.partnerflow.provisioning.CustomerRejectedException;
import io.partnerflow.provisioning.CustomerTenants;
import io.partnerflow.provisioning.OrderRejectedException;
import io.partnerflow.provisioning.PartnerCenterRejectedException;
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
 * info with Microsoft's reason. A refused agreement acceptance goes back to "Confirm customer agreement",
 * a refused offer to "Select subscriptions", each with Microsoft's reason; the record stays (its tenant
 * exists) and the next submit updates it.
 */
@Component
public class ProvisionSubscriptionsDelegate implements JavaDelegate {

  private final CustomerRegistry customers;
  private final ProvisioningService provisioning;
  private final CustomerTenants tenants;
  private final OnboardingResubmission resubmission;

  public ProvisionSubscriptionsDelegate(CustomerRegistry customers, ProvisioningService provisioning,
      CustomerTenants tenants, OnboardingResubmission resubmission) {
    this.customers = customers;
    this.provisioning = provisioning;
    this.tenants = tenants;
    this.resubmission = resubmission;
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
      resubmission.withdraw(customerId);
      Violations.enforce(execution, ACCOUNT_INFO_ERRORS, List.of(new Violation(
          rejected.aboutTheDomain() ? "domainPrefix" : "partnerCenter", "partnerCenterRejected",
          "Partner Center refused to create the customer: " + reason(rejected))),
          Errors.ACCOUNT_INFO_INVALID);
    } catch (AgreementRejectedException rejected) {
      Violations.enforce(execution, AGREEMENT_ERRORS, List.of(new Violation("agreement", "partnerCenterRejected",
          "Partner Center refused the customer's agreement acceptance: " + reason(rejected))), Errors.CONSENT_MISSING);
    } catch (OrderRejectedException rejected) {
      Violations.enforce(execution, ORDER_ERRORS, List.of(new Violation("orderLines", "partnerCenterRejected",
          "Partner Center will not sell " + rejected.offerId() + " to this customer: " + reason(rejected)
              + ". Subscriptions already bought stay; choose another offer for this line.")), Errors.ORDER_INVALID);
    } finally {
      recordTenant(execution, customerId);
    }
  }

  private void recordTenant(DelegateExecution execution, String customerId) {
    tenants.tenantOf(customerId).ifPresent(tenantId -> MICROSOFT_TENANT_ID.set(execution, tenantId));
    tenants.adminCredentials(customerId).ifPresent(credentials -> ADMIN_USER_NAME.set(execution, credentials.userName()));
  }

  private static String reason(PartnerCenterRejectedException rejected) {
    return rejected.description() + (rejected.code() == null ? "" : " (code " + rejected.code() + ")");
  }
}
