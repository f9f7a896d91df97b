package io.partnerflow.referral;

/**
 * A prospective customer's request as it arrives, from the integration API or the referrals
 * mailbox; {@link ReferralIntake#receive} validates and normalizes it.
 *
 * @param source {@code API} or {@code EMAIL}
 * @param externalReference the sender's id of the request (the API client's reference, the mail's
 *     Message-ID): the same reference twice is the same referral; may be null
 * @param language two-letter language of the prospect (en, es, pt, ru, it); may be null
 * @param country ISO 3166 alpha-2; may be null
 */
public record NewReferral(
    String companyName,
    String contactFirstName,
    String contactLastName,
    String contactEmail,
    String contactPhone,
    String country,
    String language,
    String need,
    String source,
    String externalReference) {

  public static final String SOURCE_API = "API";
  public static final String SOURCE_EMAIL = "EMAIL";
}
