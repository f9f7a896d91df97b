package io.partnerflow.provisioning;

/**
 * Partner Center refused the customer's agreement acceptance ({@code POST /v1/customers/{tenant}/agreements}):
 * the attestation (who accepted, when) has to be corrected and sent again.
 */
public class AgreementRejectedException extends PartnerCenterRejectedException {

  public AgreementRejectedException(PartnerCenterRejectedException cause) {
    super(cause.status(), cause.code(), cause.description());
    initCause(cause);
  }
}
