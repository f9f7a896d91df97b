package io.partnerflow.provisioning;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * One logical call to Partner Center: its request key stays the same across every retry of that
 * call (Partner Center's {@code MS-RequestId}, which makes a repeated request idempotent) and differs
 * for the next call; its correlation key ties the calls of one process instance together
 * ({@code MS-CorrelationId}).
 *
 * @param requestKey e.g. {@code subscription:<customer>:<line>}
 * @param correlationKey the process instance that makes the call
 */
public record PartnerCenterCall(String requestKey, String correlationKey) {

  public PartnerCenterCall {
    if (requestKey == null || requestKey.isBlank()) {
      throw new IllegalArgumentException("A Partner Center call needs a request key");
    }
    correlationKey = correlationKey == null || correlationKey.isBlank() ? requestKey : correlationKey;
  }

  /** {@code MS-RequestId}: a GUID derived from the request key, so a retry sends the same one. */
  public UUID requestId() {
    return nameUuid("request:" + requestKey);
  }

  /** {@code MS-CorrelationId}: a GUID derived from the correlation key. */
  public UUID correlationId() {
    return nameUuid("correlation:" + correlationKey);
  }

  /** A second call that belongs to this one (e.g. a cart's checkout): its own key, same correlation. */
  public PartnerCenterCall then(String step) {
    return new PartnerCenterCall(requestKey + ":" + step, correlationKey);
  }

  private static UUID nameUuid(String name) {
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8));
  }
}
