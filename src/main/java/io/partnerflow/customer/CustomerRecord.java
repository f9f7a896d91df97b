package io.partnerflow.customer;

import java.time.Instant;

/** A customer as the registry holds it. */
public record CustomerRecord(
    String id,
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
    Relationship relationship,
    String resellerId,
    String adminUserName,
    String onboardingProcessInstanceId,
    String createdBy,
    Instant createdAt,
    int version) {

  public String primaryDomain() {
    return domainPrefix + AccountInfo.DOMAIN_SUFFIX;
  }
}
