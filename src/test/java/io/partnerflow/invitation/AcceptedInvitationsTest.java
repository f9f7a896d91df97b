package io.partnerflow.invitation;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.customer.AcceptedInvitation;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.PrimaryContact;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.testsupport.MigratedDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** An accepted invitation against a real (H2) schema built by our Flyway migrations; no Spring context. */
class AcceptedInvitationsTest {

  private static final String FABRIKAM_ID = "0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10";
  private static final Instant NOW = Instant.parse("2025-06-02T08:00:00Z");

  private InvitationRegistry invitations;
  private RelationshipService relationships;
  private AcceptedInvitations accepted;

  @BeforeEach
  void setUp() {
    JdbcClient jdbc = JdbcClient.create(MigratedDatabase.withDemoData());
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    invitations = new InvitationRegistry(jdbc, clock);
    relationships = new RelationshipService(jdbc, clock, new CustomerRegistry(jdbc, clock));
    accepted = new AcceptedInvitations(relationships, invitations);
  }

  @Test
  void theInvitationIsMappedWithTheAdminWhoAcceptedAndLinkedToItsCustomer() {
    Invitation invitation = invite(null);
    invitations.claimAnswer(invitation.id(), new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Dana Birkby",
        "dana@fabrikam.example", null, true));
    Invitation answered = invitations.find(invitation.id()).orElseThrow();

    assertThat(AcceptedInvitations.accepted(answered)).isEqualTo(new AcceptedInvitation(invitation.id(), null,
        "Fabrikam, Inc.", "fabrikam", "en-US", "en", true, "dana@fabrikam.example",
        new PrimaryContact("Dana", "Birkby", "dana@fabrikam.example", null)));
    assertThat(accepted.establishReseller(answered, "dana@fabrikam.example", null)).isEqualTo(FABRIKAM_ID);
    assertThat(invitations.find(invitation.id()).orElseThrow().customerId()).isEqualTo(FABRIKAM_ID);
  }

  @Test
  void aRetryOfAnInvitationRecordedButNotLinkedLinksItAndRecordsNothingAgain() {
    Invitation invitation = invite(null);
    // Recorded (the customer is found by its domain prefix), but the invitation is not linked yet
    assertThat(relationships.establishReseller(AcceptedInvitations.accepted(invitation), "dana", null))
        .isEqualTo(FABRIKAM_ID);
    assertThat(invitations.find(invitation.id()).orElseThrow().customerId()).isNull();

    String again = accepted.establishReseller(invitation, "dana", null);

    assertThat(again).isEqualTo(FABRIKAM_ID);
    assertThat(invitations.find(invitation.id()).orElseThrow().customerId()).isEqualTo(FABRIKAM_ID);
    assertThat(relationships.history(FABRIKAM_ID)).extracting(event -> event.invitationId())
        .containsExactly(null, invitation.id());
  }

  private Invitation invite(String customerId) {
    return invitations.create(new NewInvitation("Fabrikam, Inc.", "fabrikam", customerId, "admin@example.test", "Ana",
        "Admin", "en-US", "en", true, null, null, "operator"));
  }
}
