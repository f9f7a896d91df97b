package io.partnerflow.provisioning;

/**
 * The commerce system that creates subscriptions (Microsoft Partner Center for a real partner).
 * Calls carry an idempotency key: the same key twice returns the same subscription, so a retried
 * job never buys twice.
 */
public interface PartnerCenterClient {

  /** Returns the id of the subscription created for (or already created under) this key. */
  String createSubscription(String idempotencyKey, String customerId, String offerId, int quantity,
      String resellerPartnerId);

  /**
   * Suspends the subscription (its licenses stop working; it can be reactivated later). Suspending
   * one that is already suspended, or the same key twice, succeeds without changing anything.
   */
  void suspendSubscription(String idempotencyKey, String subscriptionId);
}
