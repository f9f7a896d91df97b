package io.partnerflow.provisioning;

/**
 * Partner Center refused to create the customer's tenant ({@code POST /v1/customers}): nothing exists
 * at Microsoft, so what the registry holds can be corrected and sent again.
 */
public class CustomerRejectedException extends PartnerCenterRejectedException {

  public CustomerRejectedException(PartnerCenterRejectedException cause) {
    super(cause.status(), cause.code(), cause.description());
    initCause(cause);
  }

  /** Partner Center's codes for a domain it will not give this customer (600041 taken, 600042 malformed). */
  public boolean aboutTheDomain() {
    return "600041".equals(code()) || "600042".equals(code());
  }
}
