package io.partnerflow.provisioning;

/**
 * Partner Center refused the request for a business reason (an HTTP 4xx other than 401, 403 and
 * 429: domain taken, address invalid, offer not available to this customer...). Retrying the same
 * request changes nothing: someone has to fix what was sent.
 *
 * @see #code() Partner Center's error code (e.g. 600041), or Graph's error code
 */
public class PartnerCenterRejectedException extends RuntimeException {

  private final int status;
  private final String code;
  private final String description;

  public PartnerCenterRejectedException(int status, String code, String description) {
    super("Partner Center rejected the request: " + status + (code == null ? "" : " code " + code)
        + (description == null ? "" : ": " + description));
    this.status = status;
    this.code = code;
    this.description = description;
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  /** Microsoft's reason, as it gave it: what an operator reads in the form. */
  public String description() {
    return description;
  }
}
