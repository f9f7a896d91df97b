package io.partnerflow.customer;

/**
 * The registry refuses to end a reseller relationship while one of the customer's subscriptions is
 * still active: they must be suspended first, whoever asks.
 */
public class ActiveSubscriptionsException extends RuntimeException {

  private final String customerId;

  public ActiveSubscriptionsException(String customerId) {
    super("Customer " + customerId + " still has active subscriptions: suspend them before ending the relationship");
    this.customerId = customerId;
  }

  public String customerId() {
    return customerId;
  }
}
