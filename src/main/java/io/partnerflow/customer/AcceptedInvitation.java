package io.partnerflow.customer;

/**
 * What the relationship service needs of an invitation the customer accepted; the invitation side
 * maps its own record to it, so customer does not depend on invitation.
 *
 * @param customerId the customer the invitation named, or null (then found by domain prefix or created)
 * @param answeredByEmail who answered, the actor when none is given; may be null
 * @param acceptingAdmin the global admin who accepted, primary contact of a customer that has none
 */
public record AcceptedInvitation(
    String invitationId,
    String customerId,
    String companyName,
    String domainPrefix,
    String culture,
    String language,
    boolean includeDelegatedAdmin,
    String answeredByEmail,
    PrimaryContact acceptingAdmin) {
}
