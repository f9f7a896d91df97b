package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.EXISTING_CUSTOMER_ID;
import static io.partnerflow.onboarding.OnboardingProcess.EXISTING_RELATIONSHIP;

import io.partnerflow.customer.Relationship;
import io.partnerflow.onboarding.OnboardingProcess.Errors;
import io.partnerflow.provisioning.PartnerCenterClient;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Whether a domain our registry does not know already belongs to a Microsoft tenant
 * ({@code HEAD /v1/domains/{domain}} in api mode; the ledger knows no other tenants). A read without
 * side effects, asked while the operator waits: when Partner Center cannot answer, the onboarding goes
 * on, and the tenant's creation (after submit, asynchronous) is what decides; it routes a taken domain
 * back to the account info.
 */
@Component
public class DomainAvailability {

  private static final Logger LOG = LoggerFactory.getLogger(DomainAvailability.class);

  private final PartnerCenterClient partnerCenter;

  public DomainAvailability(PartnerCenterClient partnerCenter) {
    this.partnerCenter = partnerCenter;
  }

  /**
   * When Partner Center says the domain is taken, routes the onboarding to the existing-customer path:
   * a tenant we do not know, so we ask the customer to connect with us.
   */
  public void routeIfTakenAtMicrosoft(DelegateExecution execution, String domain) {
    if (takenAtMicrosoft(domain)) {
      EXISTING_CUSTOMER_ID.set(execution, null);
      EXISTING_RELATIONSHIP.set(execution, Relationship.NONE.name());
      throw new BpmnError(Errors.DOMAIN_TAKEN, "Domain " + domain + " already belongs to a Microsoft tenant");
    }
  }

  /** True only when Partner Center said the domain is taken. */
  private boolean takenAtMicrosoft(String domain) {
    try {
      return partnerCenter.domainTaken(domain);
    } catch (RuntimeException e) {
      // Unavailable, timed out, throttled, refused, no token: never a failed start or submit
      LOG.warn("Could not check domain {} with Partner Center ({}); the tenant's creation will decide", domain,
          e.getMessage());
      return false;
    }
  }
}
