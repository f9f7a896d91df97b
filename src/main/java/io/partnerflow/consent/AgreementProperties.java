package io.partnerflow.consent;

import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The customer agreement currently in force. Consent dated before its effective date was given to
 * an older agreement and does not count.
 *
 * @param type Partner Center's agreement type, e.g. {@code MicrosoftCustomerAgreement}
 */
@ConfigurationProperties("partnerflow.agreement")
public record AgreementProperties(String type, String templateId, LocalDate effectiveDate) {

  /** The agreement as people name it: {@code MicrosoftCustomerAgreement} reads "Microsoft Customer Agreement". */
  public String displayName() {
    return displayName(type);
  }

  /** Partner Center's agreement type in words (its CamelCase split); "customer agreement" when unknown. */
  public static String displayName(String type) {
    if (type == null || type.isBlank()) {
      return "customer agreement";
    }
    return type.strip().replaceAll("(?<=[a-z])(?=[A-Z])", " ");
  }
}
