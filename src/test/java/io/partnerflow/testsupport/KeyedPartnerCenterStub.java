package io.partnerflow.testsupport;

import io.partnerflow.provisioning.AgreementAcceptance;
import io.partnerflow.provisioning.CustomerTenant;
import io.partnerflow.provisioning.PartnerCenterCall;
import io.partnerflow.provisioning.PartnerCenterClient;
import io.partnerflow.provisioning.TenantRequest;

/**
 * For tests that stand in for Partner Center's ordering and suspension only (counting calls,
 * failing some): the tenant is the registry's customer, as in the ledger, and agreements and
 * relationship removals are accepted. Subclasses see each call by its idempotency key.
 */
public abstract class KeyedPartnerCenterStub implements PartnerCenterClient {

  public abstract String createSubscription(String idempotencyKey, String customerId, String offerId, int quantity,
      String resellerPartnerId);

  public abstract void suspendSubscription(String idempotencyKey, String subscriptionId);

  @Override
  public boolean domainTaken(String domain) {
    return false;
  }

  @Override
  public CustomerTenant createCustomer(PartnerCenterCall call, TenantRequest request) {
    return new CustomerTenant(request.customerId(), null, "admin@" + request.domain(), null);
  }

  @Override
  public void acceptAgreement(PartnerCenterCall call, String tenantId, AgreementAcceptance acceptance) {
  }

  @Override
  public String createSubscription(PartnerCenterCall call, String tenantId, String offerId, int quantity,
      String resellerPartnerId) {
    return createSubscription(call.requestKey(), tenantId, offerId, quantity, resellerPartnerId);
  }

  @Override
  public void suspendSubscription(PartnerCenterCall call, String tenantId, String subscriptionId) {
    suspendSubscription(call.requestKey(), subscriptionId);
  }

  @Override
  public void removeRelationship(PartnerCenterCall call, String tenantId) {
  }
}
