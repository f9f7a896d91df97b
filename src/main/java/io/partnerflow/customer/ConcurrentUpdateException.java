package io.partnerflow.customer;

/**
 * An update was based on a version of the customer that is no longer current: someone else changed
 * it meanwhile (optimistic concurrency, like the billing profile's ETag). Nothing was written.
 */
public class ConcurrentUpdateException extends RuntimeException {

  private final String customerId;
  private final int expectedVersion;

  public ConcurrentUpdateException(String customerId, int expectedVersion) {
    super("Customer " + customerId + " is no longer at version " + expectedVersion
        + ": it was changed by someone else meanwhile");
    this.customerId = customerId;
    this.expectedVersion = expectedVersion;
  }

  public String customerId() {
    return customerId;
  }

  public int expectedVersion() {
    return expectedVersion;
  }
}
