package io.partnerflow.consent;

import java.time.LocalDate;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The customer agreement currently in force. Consent dated before its effective date was given to
 * an older agreement and does not count.
 */
@ConfigurationProperties("partnerflow.agreement")
public record AgreementProperties(String type, String templateId, LocalDate effectiveDate) {}
