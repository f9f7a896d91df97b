package io.partnerflow.customer;

import io.partnerflow.testsupport.MigratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.invitation.AcceptedInvitations;
import io.partnerflow.invitation.Answer;
import io.partnerflow.invitation.AnswerChannel;
import io.partnerflow.invitation.AnswerType;
import io.partnerflow.invitation.Invitation;
import io.partnerflow.invitation.InvitationRegistry;
import io.partnerflow.invitation.NewInvitation;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The relationship service against a real (H2) schema built by our Flyway migrations; no Spring context. */
class RelationshipServiceTest {

  private static final String FABRIKAM_ID = "0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10";
  private static final Instant NOW = Instant.parse("2025-06-02T08:00:00Z");
  /** The demo's Fabrikam as migration V6 records it: a tenant listed as it was, without relationship. */
  private static final RelationshipEvent FABRIKAM_LISTED = new RelationshipEvent("NONE", false,
      Instant.parse("2025-03-14T09:30:00Z"), "seed", RelationshipService.SOURCE_EXISTING_TENANT, null);

  private JdbcClient jdbc;
  private CustomerRegistry customers;
  private InvitationRegistry invitations;
  private RelationshipService service;
  private AcceptedInvitations accepting;

  @BeforeEach
  void setUp() {
    JdbcDataSource ds = MigratedDatabase.withDemoData();
    jdbc = JdbcClient.create(ds);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    customers = new CustomerRegistry(jdbc, clock);
    invitations = new InvitationRegistry(jdbc, clock);
    service = new RelationshipService(jdbc, clock, customers);
    accepting = new AcceptedInvitations(service, invitations);
  }

  @Test
  void acceptingForAKnownCustomerMakesItResellerWithDelegatedAdmin() {
    Invitation invitation = invite("Fabrikam, Inc.", "fabrikam", FABRIKAM_ID, true);
    assertThat(service.hasDelegatedAdmin(FABRIKAM_ID)).isFalse();

    String customerId = accepting.establishReseller(invitation, "dana.birkby@fabrikam.example", null);

    assertThat(customerId).isEqualTo(FABRIKAM_ID);
    CustomerRecord customer = customers.find(FABRIKAM_ID).orElseThrow();
    assertThat(customer.relationship()).isEqualTo(Relationship.RESELLER);
    assertThat(customer.version()).isEqualTo(1);
    assertThat(customer.country()).isEqualTo("US");
    assertThat(service.hasDelegatedAdmin(FABRIKAM_ID)).isTrue();
    assertThat(service.history(FABRIKAM_ID)).containsExactly(FABRIKAM_LISTED, new RelationshipEvent("RESELLER", true,
        NOW, "dana.birkby@fabrikam.example", "INVITATION", invitation.id()));
    assertThat(invitations.find(invitation.id()).orElseThrow().customerId()).isEqualTo(FABRIKAM_ID);
    // A customer we knew keeps its contact: the accepting admin does not replace it
    assertThat(customers.primaryContact(FABRIKAM_ID)).hasValueSatisfying(c -> assertThat(c.email())
        .isEqualTo("dana.birkby@fabrikam.example"));
    assertThat(jdbc.sql("select count(*) from contact where customer_id = ?").param(FABRIKAM_ID).query(Long.class)
        .single()).isEqualTo(1L);
  }

  @Test
  void knownCustomerIsFoundByDomainWhenTheInvitationNamesNone() {
    Invitation invitation = invite("Fabrikam", " Fabrikam ", null, false);

    String customerId = accepting.establishReseller(invitation, "operator", null);

    assertThat(customerId).isEqualTo(FABRIKAM_ID);
    assertThat(service.hasDelegatedAdmin(FABRIKAM_ID)).isFalse();
    assertThat(service.history(FABRIKAM_ID)).last()
        .satisfies(event -> assertThat(event.delegatedAdmin()).isFalse());
    assertThat(invitations.find(invitation.id()).orElseThrow().customerId()).isEqualTo(FABRIKAM_ID);
  }

  @Test
  void anInvitationWithoutDelegatedAdminNeverRevokesAnExistingGrant() {
    accepting.establishReseller(invite("Fabrikam", "fabrikam", FABRIKAM_ID, true), "first", null);

    accepting.establishReseller(invite("Fabrikam", "fabrikam", FABRIKAM_ID, false), "second", null);

    assertThat(service.hasDelegatedAdmin(FABRIKAM_ID)).isTrue();
    assertThat(service.history(FABRIKAM_ID)).extracting(RelationshipEvent::actor)
        .containsExactly("seed", "first", "second");
  }

  @Test
  void acceptingForAnUnknownDomainCreatesAMinimalCustomer() {
    Invitation invitation = invite("Northwind Traders", "northwind", null, true);

    String customerId = accepting.establishReseller(invitation, "ana@northwind.example", null);

    CustomerRecord customer = customers.find(customerId).orElseThrow();
    assertThat(customer.companyName()).isEqualTo("Northwind Traders");
    assertThat(customer.domainPrefix()).isEqualTo("northwind");
    assertThat(customer.relationship()).isEqualTo(Relationship.RESELLER);
    // We did not create the tenant: its admin user is not ours to know
    assertThat(customer.adminUserName()).isNull();
    assertThat(customer.country()).isNull();
    assertThat(customer.addressLine1()).isNull();
    assertThat(customer.createdBy()).isEqualTo("ana@northwind.example");
    assertThat(customer.createdAt()).isEqualTo(NOW);
    assertThat(customer.version()).isZero();
    assertThat(customers.findIdByDomainPrefix("northwind")).contains(customerId);
    assertThat(service.hasDelegatedAdmin(customerId)).isTrue();
    assertThat(service.history(customerId)).containsExactly(
        new RelationshipEvent("RESELLER", true, NOW, "ana@northwind.example", "INVITATION", invitation.id()));
    assertThat(invitations.find(invitation.id()).orElseThrow().customerId()).isEqualTo(customerId);
    // Its contact is the global admin who accepted (no answer recorded here: the invited one)
    assertThat(customers.primaryContact(customerId)).contains(
        new ContactRecord(CustomerRegistry.PRIMARY_CONTACT, "Ana", "Admin", "admin@example.test", null));
  }

  @Test
  void theContactOfAnInvitedCustomerIsTheAdminWhoAcceptedAsConfirmedOnThePage() {
    Invitation invitation = invite("Northwind Traders", "northwind", null, false);
    invitations.claimAnswer(invitation.id(), new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, " María José Pérez ",
        "maria@northwind.example", null, true));

    String customerId = accepting.establishReseller(invitations.find(invitation.id()).orElseThrow(),
        "maria@northwind.example", null);

    assertThat(customers.primaryContact(customerId)).contains(
        new ContactRecord(CustomerRegistry.PRIMARY_CONTACT, "María José", "Pérez", "maria@northwind.example", null));
  }

  @Test
  void anOnboardedCustomerStartsItsHistoryAsResellerWithDelegatedAdmin() {
    String customerId = customers.create(onboarded("contosoiberia"));

    service.recordOnboarding(customerId, "operator");

    // We created the tenant: ours to administer from the start
    assertThat(service.hasDelegatedAdmin(customerId)).isTrue();
    assertThat(customers.find(customerId).orElseThrow().adminUserName()).isEqualTo("admin@contosoiberia.onmicrosoft.com");
    assertThat(service.history(customerId)).containsExactly(
        new RelationshipEvent("RESELLER", true, NOW, "operator", RelationshipService.SOURCE_ONBOARDING, null));
  }

  @Test
  void anOnboardingWithoutInitiatorIsRecordedAsTheSystems() {
    String customerId = customers.create(onboarded("fourthcoffee"));

    service.recordOnboarding(customerId, " ");

    assertThat(service.history(customerId)).extracting(RelationshipEvent::actor).containsExactly("system");
  }

  @Test
  void attestationIsRecordedWhenNoneIsCurrent() {
    assertThat(service.hasCurrentAttestation("fabrikam")).isFalse();

    accepting.establishReseller(invite("Fabrikam", "fabrikam", FABRIKAM_ID, false), "dana", attestation("Dana"));

    assertThat(service.hasCurrentAttestation("fabrikam")).isTrue();
    assertThat(service.hasCurrentAttestation(" FABRIKAM ")).isTrue();
    assertThat(customers.attestations(FABRIKAM_ID)).singleElement()
        .satisfies(recorded -> assertThat(recorded.signerFirstName()).isEqualTo("Dana"));
  }

  @Test
  void attestationIsNotRecordedWhenOneIsCurrent() {
    accepting.establishReseller(invite("Fabrikam", "fabrikam", FABRIKAM_ID, false), "dana", attestation("Dana"));

    accepting.establishReseller(invite("Fabrikam", "fabrikam", FABRIKAM_ID, false), "eve", attestation("Eve"));

    assertThat(customers.attestations(FABRIKAM_ID)).extracting(AgreementAttestation::signerFirstName)
        .containsExactly("Dana");
    assertThat(service.history(FABRIKAM_ID)).hasSize(3);
  }

  @Test
  void attestationForANewCustomerIsRecorded() {
    Invitation invitation = invite("Northwind Traders", "northwind", null, false);
    assertThat(service.hasCurrentAttestation("northwind")).isFalse();

    String customerId = accepting.establishReseller(invitation, "ana", attestation("Ana"));

    assertThat(service.hasCurrentAttestation("northwind")).isTrue();
    assertThat(customers.attestations(customerId)).hasSize(1);
  }

  @Test
  void callingTwiceForTheSameInvitationAddsNothing() {
    Invitation invitation = invite("Fabrikam", "fabrikam", FABRIKAM_ID, true);
    accepting.establishReseller(invitation, "dana", attestation("Dana"));

    String again = accepting.establishReseller(invitation, "dana", attestation("Dana"));

    assertThat(again).isEqualTo(FABRIKAM_ID);
    assertThat(service.history(FABRIKAM_ID)).hasSize(2);
    assertThat(customers.attestations(FABRIKAM_ID)).hasSize(1);
    assertThat(customers.find(FABRIKAM_ID).orElseThrow().version()).isEqualTo(1);
  }

  @Test
  void callingTwiceForANewCustomerCreatesOnlyOne() {
    Invitation invitation = invite("Northwind Traders", "northwind", null, false);
    String first = accepting.establishReseller(invitation, "ana", attestation("Ana"));

    String second = accepting.establishReseller(invitation, "ana", attestation("Ana"));

    assertThat(second).isEqualTo(first);
    assertThat(jdbc.sql("select count(*) from customer where domain_prefix = 'northwind'").query(Long.class).single())
        .isEqualTo(1L);
    assertThat(service.history(first)).hasSize(1);
    assertThat(customers.attestations(first)).hasSize(1);
    assertThat(jdbc.sql("select count(*) from contact where customer_id = ?").param(first).query(Long.class).single())
        .isEqualTo(1L);
  }

  @Test
  void hasCurrentAttestationIsFalseForUnknownOrBlankDomains() {
    assertThat(service.hasCurrentAttestation("nosuchtenant")).isFalse();
    assertThat(service.hasCurrentAttestation("")).isFalse();
    assertThat(service.hasCurrentAttestation(null)).isFalse();
  }

  @Test
  void theSeededTenantHasItsHistoryFromTheMigration() {
    assertThat(service.history(FABRIKAM_ID)).containsExactly(FABRIKAM_LISTED);
    assertThat(service.history("no-such-customer")).isEmpty();
    assertThat(service.hasDelegatedAdmin("no-such-customer")).isFalse();
  }

  private Invitation invite(String companyName, String domainPrefix, String customerId, boolean delegatedAdmin) {
    return invitations.create(new NewInvitation(companyName, domainPrefix, customerId, "admin@example.test", "Ana",
        "Admin", "en-US", "en", delegatedAdmin, null, null, "operator"));
  }

  private static NewCustomer onboarded(String domainPrefix) {
    AccountInfo account = new AccountInfo("Contoso Iberia S.L.", domainPrefix, "Calle Mayor 1", null, "Madrid", null,
        "28013", "ES", "es-ES", "es", null,
        new PrimaryContact("Lucía", "García", "lucia@contoso.example", null));
    return new NewCustomer(account, attestation("Lucía"), null, null, List.of(), "admin@" + domainPrefix
        + AccountInfo.DOMAIN_SUFFIX, "process-1", "operator");
  }

  private static AgreementAttestation attestation(String signerFirstName) {
    return new AgreementAttestation("MicrosoftCustomerAgreement", "117a488c-e4d7-47e0-b4c4-3ea3d4a5a81c",
        LocalDate.of(2025, 6, 1), signerFirstName, "Signer", signerFirstName.toLowerCase() + "@example.test", null,
        "operator", NOW);
  }
}
