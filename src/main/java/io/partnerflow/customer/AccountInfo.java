package io.partnerflow.customer;

/** The account-info page of "Add a new customer": company details and the primary contact. */
public record AccountInfo(
    String companyName,
    String domainPrefix,
    String addressLine1,
    String addressLine2,
    String city,
    String state,
    String postalCode,
    String country,
    String culture,
    String language,
    String registrationNumber,
    PrimaryContact primaryContact) {

  public static final String DOMAIN_SUFFIX = ".onmicrosoft.com";

  /** The tenant's primary domain, e.g. {@code contoso.onmicrosoft.com}. */
  public String primaryDomain() {
    return domainPrefix == null ? null : domainPrefix.trim().toLowerCase(java.util.Locale.ROOT) + DOMAIN_SUFFIX;
  }
}
