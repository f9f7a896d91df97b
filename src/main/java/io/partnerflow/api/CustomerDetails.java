package io.partnerflow.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.partnerflow.customer.Relationship;
import java.time.Instant;

/** One customer: the fields of the customer list, its address, localization and primary contact. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerDetails(
    String id,
    String companyName,
    String primaryDomain,
    Relationship relationship,
    boolean delegatedAdmin,
    String resellerId,
    String resellerName,
    String resellerPartnerId,
    Instant createdAt,
    Address address,
    String culture,
    String language,
    String registrationNumber,
    Contact primaryContact) {

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Address(String addressLine1, String addressLine2, String city, String state, String postalCode,
      String country) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Contact(String firstName, String lastName, String email, String phone) {}
}
