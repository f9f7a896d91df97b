package io.partnerflow.provisioning;

/**
 * Partner Center refused to sell one of the order's offers to this customer (a cart or its checkout
 * refused the line): another offer has to be chosen. Lines bought before it stay bought.
 */
public class OrderRejectedException extends PartnerCenterRejectedException {

  private final String offerId;

  public OrderRejectedException(String offerId, PartnerCenterRejectedException cause) {
    super(cause.status(), cause.code(), cause.description());
    this.offerId = offerId;
    initCause(cause);
  }

  /** Our offer id of the refused line. */
  public String offerId() {
    return offerId;
  }
}
