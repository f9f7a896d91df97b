package io.partnerflow.invitation;

import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.customer.AcceptedInvitation;
import io.partnerflow.customer.PrimaryContact;
import io.partnerflow.customer.RelationshipService;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An accepted invitation makes its customer our reseller customer, and the invitation names that customer. */
@Service
public class AcceptedInvitations {

  private final RelationshipService relationships;
  private final InvitationRegistry invitations;

  public AcceptedInvitations(RelationshipService relationships, InvitationRegistry invitations) {
    this.relationships = relationships;
    this.invitations = invitations;
  }

  /**
   * {@link RelationshipService#establishReseller} for this invitation, then links it to the customer,
   * in one transaction (inside a delegate the engine's). A retried job records nothing again but
   * still links, so an invitation recorded before its link committed ends up linked.
   *
   * @return the customer's id
   */
  @Transactional
  public String establishReseller(Invitation invitation, String actor, AgreementAttestation attestationOrNull) {
    String customerId = relationships.establishReseller(accepted(invitation), actor, attestationOrNull);
    invitations.linkCustomer(invitation.id(), customerId);
    return customerId;
  }

  static AcceptedInvitation accepted(Invitation invitation) {
    Invitation.Person admin = invitation.acceptingAdmin();
    return new AcceptedInvitation(invitation.id(), invitation.customerId(), invitation.companyName(),
        invitation.domainPrefix(), invitation.culture(), invitation.language(), invitation.includeDelegatedAdmin(),
        invitation.answeredByEmail(), new PrimaryContact(admin.firstName(), admin.lastName(), admin.email(), null));
  }
}
