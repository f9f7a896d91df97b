package io.partnerflow.onboarding;

import io.partnerflow.provisioning.PartnerCenterClient;
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

  /** True only when Partner Center said the domain is taken. */
  public boolean takenAtMicrosoft(String domain) {
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
