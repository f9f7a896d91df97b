package io.partnerflow.provisioning;

/**
 * Partner Center refused the call before doing anything (an HTTP 5xx such as 503 Service
 * Unavailable): retrying later with the same idempotency key is safe.
 */
public class PartnerCenterUnavailableException extends RuntimeException {

  private final int status;

  public PartnerCenterUnavailableException(int status, String message) {
    super(message);
    this.status = status;
  }

  /** The HTTP status Partner Center answered with. */
  public int status() {
    return status;
  }
}
