package io.partnerflow.consent;

import java.util.Map;

/**
 * Readable names of customer-agreement types as configured ({@code partnerflow.agreement.type}) and
 * recorded with each attestation: people read "Microsoft Customer Agreement", not the type's key.
 */
public final class AgreementTypes {

  public static final String MICROSOFT_CUSTOMER_AGREEMENT = "MicrosoftCustomerAgreement";
  /** What customers accepted before the Microsoft Customer Agreement replaced it on 2019-10-01. */
  public static final String MICROSOFT_CLOUD_AGREEMENT = "MicrosoftCloudAgreement";
  /** For an attestation without a type (none is recorded so, but a name must always show). */
  static final String UNNAMED = "customer agreement";

  private static final Map<String, String> NAMES = Map.of(
      MICROSOFT_CUSTOMER_AGREEMENT, "Microsoft Customer Agreement",
      MICROSOFT_CLOUD_AGREEMENT, "Microsoft Cloud Agreement");

  private AgreementTypes() {}

  /**
   * The agreement's name: ours for the known types, else the type's words ("SomePartnerAgreement" reads
   * "Some Partner Agreement"), so a newly configured type still reads as words.
   */
  public static String displayName(String type) {
    if (type == null || type.isBlank()) {
      return UNNAMED;
    }
    String known = NAMES.get(type.strip());
    return known != null ? known : type.strip().replaceAll("(?<=\\p{Ll})(?=\\p{Lu})", " ");
  }
}
