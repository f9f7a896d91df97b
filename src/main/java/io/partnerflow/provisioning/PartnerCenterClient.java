package io.partnerflow.provisioning;

/**
 * The commerce system that holds customers' tenants, agreements and subscriptions: Microsoft Partner
 * Center ({@code partnercenter.PartnerCenterApiClient}, {@code partnerflow.partner-center.mode=api}),
 * or the local ledger that stands in for it ({@link SimulatedPartnerCenter}, the default).
 *
 * <p>Every call that changes something carries a {@link PartnerCenterCall}: the same call repeated
 * (a retried job) finds what the first one did and never does it twice. A failed call throws
 * {@link PartnerCenterUnavailableException} (nothing was done; {@link PartnerCenterThrottledException}
 * for a 429), {@link PartnerCenterTimeoutException} (unknown whether it was) or
 * {@link PartnerCenterRejectedException} (a business reason that a retry will not change).
 */
public interface PartnerCenterClient {

  /** Whether a tenant already uses this domain ({@code HEAD /v1/domains/{domain}}). */
  boolean domainTaken(String domain);

  /**
   * Whether a created tenant comes with its admin's first password ({@link CustomerTenant#adminPassword()}):
   * Partner Center's, which the hand-over must show. Without one (the ledger) the hand-over makes its own.
   */
  default boolean createsAdminPassword() {
    return false;
  }

  /** Creates the customer's tenant, or finds the one this call or an earlier try already created. */
  CustomerTenant createCustomer(PartnerCenterCall call, TenantRequest request);

  /** Records the customer's acceptance of the Microsoft Customer Agreement; repeating it is harmless. */
  void acceptAgreement(PartnerCenterCall call, String tenantId, AgreementAcceptance acceptance);

  /** Orders one subscription; returns its id, the same for the same call. */
  String createSubscription(PartnerCenterCall call, String tenantId, String offerId, int quantity,
      String resellerPartnerId);

  /**
   * Suspends the subscription (its licenses stop working; it can be reactivated later). Suspending
   * one that is already suspended, or the same call twice, succeeds without changing anything.
   */
  void suspendSubscription(PartnerCenterCall call, String tenantId, String subscriptionId);

  /** Ends our reseller relationship with the tenant; ending an ended one changes nothing. */
  void removeRelationship(PartnerCenterCall call, String tenantId);
}
