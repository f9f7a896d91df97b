package io.partnerflow.customer;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.testsupport.MigratedDatabase;
import io.partnerflow.testsupport.RegistryTestDatabase;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Migration V6 on a database of the release before: its customers get what the code now records for
 * new ones (relationship history from the day they came in, the accepting admin as contact, no guessed
 * admin user, delegated admin for tenants we created).
 */
class CustomerHistoryMigrationTest {

  private static final String FABRIKAM_ID = RegistryTestDatabase.FABRIKAM_ID;
  private static final Instant ONBOARDED_AT = Instant.parse("2025-05-01T10:00:00Z");
  private static final Instant ENDED_AT = Instant.parse("2025-05-20T10:00:00Z");
  private static final Instant ACCEPTED_AT = Instant.parse("2025-06-01T09:00:00Z");

  private JdbcDataSource database;
  private JdbcClient jdbc;
  private RelationshipService relationships;
  private CustomerRegistry customers;

  @BeforeEach
  void olderDatabase() {
    database = MigratedDatabase.withDemoDataUpTo("5.1");
    jdbc = JdbcClient.create(database);
    Clock clock = Clock.fixed(ACCEPTED_AT, ZoneOffset.UTC);
    customers = new CustomerRegistry(jdbc, clock);
    relationships = new RelationshipService(jdbc, clock, customers);
  }

  @Test
  void anOnboardedCustomerGetsItsOnboardingEventAndDelegatedAdmin() {
    String id = customer("onboarded", "RESELLER", false, "admin@onboarded.onmicrosoft.com", "pi-1", "operator",
        ONBOARDED_AT);

    MigratedDatabase.upgrade(database);

    assertThat(relationships.hasDelegatedAdmin(id)).isTrue();
    assertThat(relationships.history(id)).containsExactly(new RelationshipEvent("RESELLER", true, ONBOARDED_AT,
        "operator", RelationshipService.SOURCE_ONBOARDING, null));
    assertThat(customers.find(id).orElseThrow().adminUserName()).isEqualTo("admin@onboarded.onmicrosoft.com");
  }

  @Test
  void anOnboardedCustomerWhoseRelationshipEndedKeepsItsEndAfterTheOnboarding() {
    String id = customer("ended", "NONE", false, "admin@ended.onmicrosoft.com", "pi-2", null, ONBOARDED_AT);
    event(id, "NONE", false, ENDED_AT, "operator", "END_RELATIONSHIP", null);

    MigratedDatabase.upgrade(database);

    assertThat(relationships.hasDelegatedAdmin(id)).isFalse();
    assertThat(relationships.history(id)).containsExactly(
        new RelationshipEvent("RESELLER", true, ONBOARDED_AT, "system", RelationshipService.SOURCE_ONBOARDING, null),
        new RelationshipEvent("NONE", false, ENDED_AT, "operator", RelationshipService.SOURCE_END_RELATIONSHIP, null));
  }

  @Test
  void anInvitedCustomerGetsTheAcceptingAdminAsContactAndNoGuessedAdminUser() {
    String id = customer("invited", "RESELLER", true, "admin@invited.onmicrosoft.com", null,
        "ana@invited.example", ACCEPTED_AT);
    String invitationId = "inv-1";
    jdbc.sql("""
        insert into invitation (id, company_name, domain_prefix, customer_id, admin_email, admin_first_name,
          admin_last_name, language, include_delegated_admin, reply_reference, status, send_count, answered_at,
          answered_by_name, answered_by_email, created_at)
        values (?, 'Invited Ltd', 'invited', ?, 'ana@invited.example', 'Ana', 'Admin', 'en', true, 'REF1', 'ACCEPTED',
          1, ?, 'Ana Admin', 'ana@invited.example', ?)""")
        .params(invitationId, id, Timestamp.from(ACCEPTED_AT), Timestamp.from(ACCEPTED_AT)).update();
    event(id, "RESELLER", true, ACCEPTED_AT, "ana@invited.example", "INVITATION", invitationId);

    MigratedDatabase.upgrade(database);

    assertThat(customers.primaryContact(id)).contains(
        new ContactRecord(CustomerRegistry.PRIMARY_CONTACT, "Ana", "Admin", "ana@invited.example", null));
    assertThat(customers.find(id).orElseThrow().adminUserName()).isNull();
    assertThat(relationships.history(id)).extracting(RelationshipEvent::source)
        .containsExactly(RelationshipService.SOURCE_INVITATION);
  }

  @Test
  void aListedTenantGetsAnEventForWhatItHad() {
    MigratedDatabase.upgrade(database);

    assertThat(relationships.history(FABRIKAM_ID)).containsExactly(new RelationshipEvent("NONE", false,
        Instant.parse("2025-03-14T09:30:00Z"), "seed", RelationshipService.SOURCE_EXISTING_TENANT, null));
    // Its seeded contact and admin user stay
    assertThat(customers.primaryContact(FABRIKAM_ID)).hasValueSatisfying(c -> assertThat(c.lastName())
        .isEqualTo("Birkby"));
    assertThat(customers.find(FABRIKAM_ID).orElseThrow().adminUserName()).isEqualTo("admin@fabrikam.onmicrosoft.com");
  }

  private String customer(String prefix, String relationship, boolean delegatedAdmin, String adminUser,
      String onboardingInstance, String createdBy, Instant createdAt) {
    String id = "cust-" + prefix;
    jdbc.sql("""
        insert into customer (id, company_name, company_name_key, domain_prefix, address_line1, city, country,
          culture, language, relationship, delegated_admin, admin_user_name, onboarding_process_instance_id,
          created_by, created_at, version)
        values (?, ?, ?, ?, '1 Main Street', 'Madrid', 'ES', 'es-ES', 'es', ?, ?, ?, ?, ?, ?, 0)""")
        .params(id, prefix + " Ltd", prefix + " ltd", prefix, relationship, delegatedAdmin, adminUser,
            onboardingInstance, createdBy, Timestamp.from(createdAt))
        .update();
    return id;
  }

  private void event(String customerId, String relationship, boolean delegatedAdmin, Instant at, String actor,
      String source, String invitationId) {
    jdbc.sql("""
        insert into relationship_event (customer_id, relationship, delegated_admin, occurred_at, actor, source,
          invitation_id)
        values (?, ?, ?, ?, ?, ?, ?)""")
        .params(customerId, relationship, delegatedAdmin, Timestamp.from(at), actor, source, invitationId).update();
  }
}
