package io.partnerflow.invitation;

/** What the operator (or the onboarding hand-over) asks for when starting an invitation. */
public record NewInvitation(
    String companyName,
    String domainPrefix,
    String customerId,
    String adminEmail,
    String adminFirstName,
    String adminLastName,
    String culture,
    String language,
    boolean includeDelegatedAdmin,
    String personalMessage,
    String processInstanceId,
    String createdBy) {}
