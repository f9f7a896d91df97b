package io.partnerflow.customer;

import io.partnerflow.testsupport.KeyedPartnerCenterStub;
import io.partnerflow.testsupport.MigratedDatabase;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerflow.provisioning.CustomerTenants;
import io.partnerflow.provisioning.PartnerCenterClient;
import io.partnerflow.provisioning.ProvisioningService;
import io.partnerflow.relationship.CustomerSubscriptions;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/**
 * Ending a reseller relationship, as the registry enforces it against a real (H2) schema built by
 * our Flyway migrations, without Spring or the engine: never while a subscription is active,
 * whoever asks; and no new subscriptions for a customer that is no longer ours.
 */
class RelationshipRemovalTest {

  private static final String FABRIKAM_ID = "0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10"; // seeded with relationship NONE
  private static final Instant NOW = Instant.parse("2026-03-04T09:30:00Z");

  /** Counts what Partner Center was asked; suspension is idempotent per key, as the real API is. */
  private final List<String> created = new ArrayList<>();
  private final List<String> suspended = new ArrayList<>();
  private final PartnerCenterClient partnerCenter = new KeyedPartnerCenterStub() {
    @Override
    public String createSubscription(String idempotencyKey, String customerId, String offerId, int quantity,
        String resellerPartnerId) {
      created.add(idempotencyKey);
      return UUID.nameUUIDFromBytes(idempotencyKey.getBytes()).toString();
    }

    @Override
    public void suspendSubscription(String idempotencyKey, String subscriptionId) {
      suspended.add(subscriptionId);
    }
  };

  private JdbcClient jdbc;
  private CustomerRegistry customers;
  private RelationshipService relationships;
  private CustomerSubscriptions subscriptions;
  private ProvisioningService provisioning;

  @BeforeEach
  void setUp() {
    JdbcDataSource ds = MigratedDatabase.withDemoData();
    jdbc = JdbcClient.create(ds);
    Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
    customers = new CustomerRegistry(jdbc, clock);
    relationships = new RelationshipService(jdbc, clock, customers);
    subscriptions = new CustomerSubscriptions(jdbc, partnerCenter, new CustomerTenants(jdbc, clock, new DataSourceTransactionManager(ds)), clock, new DataSourceTransactionManager(ds));
    provisioning = new ProvisioningService(customers, new CustomerTenants(jdbc, clock, new DataSourceTransactionManager(ds)), partnerCenter, jdbc, clock);
  }

  // --- removal --------------------------------------------------------------------------------

  @Test
  void removalIsRefusedWhileASubscriptionIsActiveWhoeverAsks() {
    String customerId = insertResellerCustomer("contoso", true);
    insertSubscription(customerId, 0, "O365-E3", "ACTIVE");
    insertSubscription(customerId, 1, "TEAMS-PHONE-STANDARD", "SUSPENDED");

    for (String actor : new String[] {"operator", "api-client", "system", null}) {
      assertThatThrownBy(() -> relationships.removeRelationship(customerId, actor, "Customer moves to another partner"))
          .isInstanceOf(ActiveSubscriptionsException.class)
          .hasMessageContaining(customerId)
          .hasMessageContaining("active subscriptions");
    }

    CustomerRecord customer = customers.find(customerId).orElseThrow();
    assertThat(customer.relationship()).isEqualTo(Relationship.RESELLER);
    assertThat(customer.version()).isZero();
    assertThat(relationships.hasDelegatedAdmin(customerId)).isTrue();
    assertThat(relationships.history(customerId)).isEmpty();
  }

  @Test
  void removalAfterEverySubscriptionIsSuspendedEndsTheRelationshipAndDelegatedAdmin() {
    String customerId = insertResellerCustomer("contoso", true);
    String e3 = insertSubscription(customerId, 0, "O365-E3", "ACTIVE");
    String phone = insertSubscription(customerId, 1, "TEAMS-PHONE-STANDARD", "ACTIVE");

    assertThat(subscriptions.suspend(customerId, "request-1", List.of(phone, e3))).containsExactly(e3, phone);
    boolean removed = relationships.removeRelationship(customerId, "operator", "Customer moves to another partner");

    assertThat(removed).isTrue();
    assertThat(suspended).containsExactly(e3, phone);
    assertThat(jdbc.sql("select status from subscription where customer_id = ? order by line_number")
        .param(customerId).query(String.class).list()).containsExactly("SUSPENDED", "SUSPENDED");
    assertThat(jdbc.sql("select suspended_at from subscription where customer_id = ? order by line_number")
        .param(customerId).query(Timestamp.class).list()).extracting(Timestamp::toInstant).containsExactly(NOW, NOW);
    CustomerRecord customer = customers.find(customerId).orElseThrow();
    assertThat(customer.relationship()).isEqualTo(Relationship.NONE);
    assertThat(customer.version()).isEqualTo(1);
    assertThat(relationships.hasDelegatedAdmin(customerId)).isFalse();
    assertThat(relationships.history(customerId)).containsExactly(
        new RelationshipEvent("NONE", false, NOW, "operator", RelationshipService.SOURCE_END_RELATIONSHIP, null));
  }

  @Test
  void onlyTheConfirmedSubscriptionsAreSuspendedSoAnUnconfirmedOneStillBlocksTheRemoval() {
    String customerId = insertResellerCustomer("contoso", false);
    String e3 = insertSubscription(customerId, 0, "O365-E3", "ACTIVE");
    String orderedMeanwhile = insertSubscription(customerId, 1, "POWER-BI-PRO", "ACTIVE");

    assertThat(subscriptions.suspend(customerId, "request-1", List.of(e3, "not-this-customers"))).containsExactly(e3);

    assertThat(suspended).containsExactly(e3);
    assertThat(subscriptions.active(customerId)).extracting(s -> s.subscriptionId()).containsExactly(orderedMeanwhile);
    assertThatThrownBy(() -> relationships.removeRelationship(customerId, "operator", "Ended"))
        .isInstanceOf(ActiveSubscriptionsException.class);
  }

  @Test
  void suspendingAgainSendsNothingToPartnerCenterAndRemovingAgainChangesNothing() {
    String customerId = insertResellerCustomer("contoso", false);
    String e3 = insertSubscription(customerId, 0, "O365-E3", "ACTIVE");
    subscriptions.suspend(customerId, "request-1", List.of(e3));
    relationships.removeRelationship(customerId, "operator", "Ended");

    assertThat(subscriptions.suspend(customerId, "request-1", List.of(e3))).isEmpty();
    assertThat(relationships.removeRelationship(customerId, "operator", "Ended")).isFalse();

    assertThat(suspended).containsExactly(e3);
    assertThat(customers.find(customerId).orElseThrow().version()).isEqualTo(1);
    assertThat(relationships.history(customerId)).hasSize(1);
  }

  @Test
  void thereIsNothingToRemoveForAnUnknownCustomerOrOneWithoutRelationship() {
    assertThat(relationships.removeRelationship(UUID.randomUUID().toString(), "operator", "Typo")).isFalse();
    assertThat(relationships.removeRelationship(FABRIKAM_ID, "operator", "Not ours")).isFalse();

    CustomerRecord fabrikam = customers.find(FABRIKAM_ID).orElseThrow();
    assertThat(fabrikam.relationship()).isEqualTo(Relationship.NONE);
    assertThat(fabrikam.version()).isZero();
    // Only what the registry knew of it before: nothing was added
    assertThat(relationships.history(FABRIKAM_ID)).extracting(RelationshipEvent::source)
        .containsExactly(RelationshipService.SOURCE_EXISTING_TENANT);
  }

  // --- new orders -----------------------------------------------------------------------------

  @Test
  void provisioningRefusesToOrderForACustomerWithoutRelationship() {
    insertOrderLine(FABRIKAM_ID, 0, "M365-BUSINESS-BASIC", 5);

    assertThatThrownBy(() -> provisioning.provision(FABRIKAM_ID, "test"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(FABRIKAM_ID)
        .hasMessageContaining("not its reseller")
        .hasMessageContaining("NONE");

    assertThat(created).isEmpty();
    assertThat(provisioning.subscriptions(FABRIKAM_ID)).isEmpty();
  }

  @Test
  void provisioningRefusesANewLineOnceTheRelationshipEndedButStillListsWhatExists() {
    String customerId = insertResellerCustomer("contoso", false);
    insertOrderLine(customerId, 0, "O365-E3", 25);
    String e3 = provisioning.provision(customerId, "test").get(0).id();
    subscriptions.suspend(customerId, "request-1", List.of(e3));
    relationships.removeRelationship(customerId, "operator", "Ended");

    // A provisioning job with nothing left to buy still completes
    assertThat(provisioning.provision(customerId, "test")).singleElement()
        .satisfies(s -> assertThat(s.status()).isEqualTo("SUSPENDED"));

    insertOrderLine(customerId, 1, "TEAMS-PHONE-STANDARD", 10);
    assertThatThrownBy(() -> provisioning.provision(customerId, "test"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not its reseller");
    assertThat(created).containsExactly(ProvisioningService.idempotencyKey(customerId, 0));
    assertThat(provisioning.subscriptions(customerId)).hasSize(1);
  }

  // --- data -----------------------------------------------------------------------------------

  private String insertResellerCustomer(String domainPrefix, boolean delegatedAdmin) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into customer (id, company_name, company_name_key, domain_prefix, address_line1, city, country, culture,
          language, relationship, admin_user_name, delegated_admin, created_by, created_at, version)
        values (?, ?, ?, ?, 'Calle de Alcalá 21', 'Madrid', 'ES', 'es-ES', 'es', 'RESELLER', ?, ?, 'test', ?, 0)""")
        .params(id, "Contoso Ibérica", CustomerRegistry.companyNameKey("Contoso Ibérica"), domainPrefix, "admin@" + domainPrefix + ".onmicrosoft.com", delegatedAdmin,
            Timestamp.from(NOW))
        .update();
    return id;
  }

  private String insertSubscription(String customerId, int lineNumber, String offerId, String status) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into subscription (id, customer_id, line_number, offer_id, quantity, status, provisioned_at)
        values (?, ?, ?, ?, 10, ?, ?)""")
        .params(id, customerId, lineNumber, offerId, status, Timestamp.from(NOW))
        .update();
    return id;
  }

  private void insertOrderLine(String customerId, int lineNumber, String offerId, int quantity) {
    jdbc.sql("insert into order_line (customer_id, line_number, offer_id, quantity) values (?, ?, ?, ?)")
        .params(customerId, lineNumber, offerId, quantity).update();
  }
}
