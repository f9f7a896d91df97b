package io.partnerflow.provisioning;

/**
 * No answer from Partner Center in time. The call may or may not have been carried out: only a
 * retry with the same idempotency key finds out, and never does it twice.
 */
public class PartnerCenterTimeoutException extends RuntimeException {

  public PartnerCenterTimeoutException(String message) {
    super(message);
  }
}
