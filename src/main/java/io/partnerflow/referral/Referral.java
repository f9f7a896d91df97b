package io.partnerflow.referral;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;

/** One row of table {@code referral}. */
public record Referral(
    String id,
    String processInstanceId,
    String source,
    String companyName,
    String contactFirstName,
    String contactLastName,
    String contactEmail,
    String contactPhone,
    String country,
    String language,
    String need,
    ReferralStatus status,
    BigDecimal estimatedDealValue,
    LocalDate estimatedCloseDate,
    String decidedBy,
    Instant decidedAt,
    String declineReason,
    Instant outcomeAt,
    String onboardingProcessInstanceId,
    Instant receivedAt,
    String externalReference) {

  /** "First Last", or whichever part is known, or null. */
  public String contactName() {
    String name = ((contactFirstName == null ? "" : contactFirstName) + " "
        + (contactLastName == null ? "" : contactLastName)).strip();
    return name.isEmpty() ? null : name;
  }
}
