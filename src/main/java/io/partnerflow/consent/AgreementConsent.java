package io.partnerflow.consent;

/**
 * What the operator confirms about the customer agreement. The date stays text until the policy
 * has checked it, so a malformed date is reported like any other broken rule.
 */
public record AgreementConsent(
    Boolean accepted,
    String dateAccepted,
    String signerFirstName,
    String signerLastName,
    String signerEmail,
    String signerPhone) {}
