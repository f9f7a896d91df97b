package io.partnerflow.customer;

/** The requested domain prefix already belongs to one of our customers. */
public class DomainAlreadyTakenException extends RuntimeException {

  private final String existingCustomerId;

  public DomainAlreadyTakenException(String domainPrefix, String existingCustomerId) {
    super("Domain " + domainPrefix + AccountInfo.DOMAIN_SUFFIX + " already belongs to customer " + existingCustomerId);
    this.existingCustomerId = existingCustomerId;
  }

  public String existingCustomerId() {
    return existingCustomerId;
  }
}
