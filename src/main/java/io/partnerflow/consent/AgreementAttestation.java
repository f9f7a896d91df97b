package io.partnerflow.consent;

import java.time.Instant;
import java.time.LocalDate;

/** A recorded confirmation that the customer accepted the agreement: who signed, when, who attested. */
public record AgreementAttestation(
    String agreementType,
    String templateId,
    LocalDate dateAccepted,
    String signerFirstName,
    String signerLastName,
    String signerEmail,
    String signerPhone,
    String attestedBy,
    Instant attestedAt) {}
