package io.partnerflow.invitation;

/**
 * A customer's answer to an invitation.
 *
 * @param agreementAccepted the admin accepted the customer agreement on the acceptance page (only
 *     asked when no attestation exists yet); null when not asked
 */
public record Answer(
    AnswerType type,
    AnswerChannel channel,
    String byName,
    String byEmail,
    String declineReason,
    Boolean agreementAccepted) {}
