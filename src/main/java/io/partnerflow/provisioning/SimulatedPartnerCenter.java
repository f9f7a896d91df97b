package io.partnerflow.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.stereotype.Component;

/**
 * Stand-in for Partner Center until a real client is configured: derives the subscription id from
 * the idempotency key, which is exactly the idempotency the real API gives.
 */
@Component
@ConditionalOnMissingBean(value = PartnerCenterClient.class, ignored = SimulatedPartnerCenter.class)
public class SimulatedPartnerCenter implements PartnerCenterClient {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedPartnerCenter.class);

  @Override
  public String createSubscription(String idempotencyKey, String customerId, String offerId, int quantity,
      String resellerPartnerId) {
    String id = UUID.nameUUIDFromBytes(idempotencyKey.getBytes(StandardCharsets.UTF_8)).toString();
    LOG.info("Simulated Partner Center: subscription {} ({} x {}) for customer {}", id, quantity, offerId, customerId);
    return id;
  }

  @Override
  public void suspendSubscription(String idempotencyKey, String subscriptionId) {
    LOG.info("Simulated Partner Center: subscription {} suspended (request {})", subscriptionId, idempotencyKey);
  }
}
