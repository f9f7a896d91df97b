package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.consent.AgreementProperties;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Record reseller relationship": the customer (created if we did not know it) gets relationship
 * RESELLER and, if asked, delegated admin; the admin's acceptance of the customer agreement on the
 * acceptance page is recorded like an onboarding's attestation.
 *
 * <p>In api mode only Microsoft's confirmation makes a reseller: the step refuses to run without the
 * tenant "Check the relationship in Microsoft" found, and records that tenant for the customer.
 */
@Component
public class RecordRelationshipDelegate implements JavaDelegate {

  private final InvitationRegistry registry;
  private final AcceptedInvitations accepted;
  private final AgreementProperties agreement;
  private final Clock clock;
  private final MicrosoftRelationships microsoft;

  public RecordRelationshipDelegate(InvitationRegistry registry, AcceptedInvitations accepted,
      AgreementProperties agreement, Clock clock, MicrosoftRelationships microsoft) {
    this.registry = registry;
    this.accepted = accepted;
    this.agreement = agreement;
    this.clock = clock;
    this.microsoft = microsoft;
  }

  @Override
  public void execute(DelegateExecution execution) {
    Invitation invitation = acceptedInvitationOf(execution);
    String tenantId = MICROSOFT_TENANT_ID.from(execution);
    if (Boolean.TRUE.equals(ACCEPTANCE_FROM_MICROSOFT.from(execution)) && tenantId == null) {
      throw new IllegalStateException("Invitation " + invitation.id() + ": Microsoft has not confirmed the"
          + " relationship (no tenant found by \"Check the relationship in Microsoft\"): no relationship is recorded");
    }
    String acceptedBy = invitation.answeredByEmail() != null ? invitation.answeredByEmail() : invitation.adminEmail();
    AgreementAttestation attestation = Boolean.TRUE.equals(AGREEMENT_ACCEPTED_BY_CUSTOMER.from(execution))
        ? attestation(invitation, acceptedBy) : null;
    String customerId = accepted.establishReseller(invitation, acceptedBy, attestation);
    RELATIONSHIP_CUSTOMER_ID.set(execution, customerId);
    if (tenantId != null) {
      microsoft.recordTenant(customerId, tenantId);
    }
  }

  /**
   * This instance's invitation, accepted in the registry: only the answer service records an answer
   * (token or triaged reply), so a message correlated or a variable written through the engine API
   * cannot make a reseller. Otherwise nothing is written and the call fails (rolled back).
   */
  private Invitation acceptedInvitationOf(DelegateExecution execution) {
    String invitationId = INVITATION_ID.get(execution);
    Invitation invitation = registry.find(invitationId == null ? "" : invitationId)
        .filter(found -> execution.getProcessInstanceId().equals(found.processInstanceId()))
        .orElseThrow(() -> new IllegalStateException(
            "Invitation " + invitationId + " is not the invitation of instance " + execution.getProcessInstanceId()));
    if (invitation.status() != InvitationStatus.ACCEPTED) {
      throw new IllegalStateException("Invitation " + invitation.id() + " is " + invitation.status()
          + ", not ACCEPTED in the registry: no relationship is recorded");
    }
    return invitation;
  }

  private AgreementAttestation attestation(Invitation invitation, String acceptedBy) {
    Instant now = clock.instant();
    Invitation.Person signer = invitation.acceptingAdmin();
    return new AgreementAttestation(agreement.type(), agreement.templateId(), LocalDate.ofInstant(now, ZoneOffset.UTC),
        signer.firstName(), signer.lastName(), acceptedBy, null, acceptedBy, now);
  }
}
