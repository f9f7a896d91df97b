package io.partnerflow.provisioning;

import java.time.Instant;

public record SubscriptionRecord(
    String id,
    String customerId,
    int lineNumber,
    String offerId,
    int quantity,
    String status,
    String resellerPartnerId,
    Instant provisionedAt) {

  public static final String ACTIVE = "ACTIVE";
  public static final String SUSPENDED = "SUSPENDED";
}
