package io.partnerflow.invitation;

/** An invitation as the operator asks for it, before validation. */
public record InvitationRequest(
    String companyName,
    String domainPrefix,
    String adminEmail,
    String adminFirstName,
    String adminLastName,
    String culture,
    String language,
    String personalMessage) {}
