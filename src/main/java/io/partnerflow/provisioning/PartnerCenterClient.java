package io.partnerflow.provisioning;

/**
 * The commerce system that creates subscriptions (Microsoft Partner Center for a real partner).
 * Calls carry an idempotency key: the same key twice returns the same subscription, so a retried
 * job never buys twice. A failed call throws (e.g. {@link PartnerCenterUnavailableException} when
 * nothing was done, {@link PartnerCenterTimeoutException} when it is unknown whether it was): the
 * caller's job fails and is retried with the same key.
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
