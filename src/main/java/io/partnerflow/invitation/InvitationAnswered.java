package io.partnerflow.invitation;

/**
 * Published (a Spring application event) after an answer was taken or refused; for an accepted
 * or declined answer only once its transaction committed.
 */
public record InvitationAnswered(AnswerChannel channel, AnswerOutcome outcome) {}
