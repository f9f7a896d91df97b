package io.partnerflow.provisioning;

import io.partnerflow.catalog.OrderLine;
import java.util.List;
import java.util.Optional;

/**
 * What provisioning needs of a customer's order. The customer registry keeps orders and implements
 * it, so provisioning does not depend on the customer feature (which shows its subscriptions).
 */
public interface CustomerOrders {

  List<OrderLine> orderLines(String customerId);

  /** What Partner Center needs to create the customer's tenant, from the registry's record. */
  TenantRequest tenantRequest(String customerId);

  /** The agreement acceptance the registry attests for the customer (the latest), if any. */
  Optional<AgreementAcceptance> agreementAcceptance(String customerId);

  /** The indirect reseller's Partner Center id the order names, if any. */
  Optional<String> orderResellerPartnerId(String customerId);

  /**
   * Locks the customer until the transaction ends, so that a relationship cannot end between this
   * check and the new subscriptions, and fails unless we are the customer's reseller.
   *
   * @throws IllegalStateException when the customer is unknown or not our reseller customer
   */
  void lockForNewOrders(String customerId);
}
