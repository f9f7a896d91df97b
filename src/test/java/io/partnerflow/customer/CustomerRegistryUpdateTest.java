package io.partnerflow.customer;

import static io.partnerflow.testsupport.RegistryTestDatabase.FABRIKAM_ID;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerflow.testsupport.RegistryTestDatabase;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Account-info updates with optimistic concurrency, against a real (H2) schema; no Spring context. */
class CustomerRegistryUpdateTest {

  private JdbcClient jdbc;
  private CustomerRegistry customers;

  @BeforeEach
  void setUp() {
    jdbc = RegistryTestDatabase.create();
    customers = new CustomerRegistry(jdbc, Clock.fixed(Instant.parse("2025-06-02T08:00:00Z"), ZoneOffset.UTC));
  }

  @Test
  void anUpdateReplacesAccountInfoAndContactAndIncrementsTheVersion() {
    int version = customers.updateAccountInfo(FABRIKAM_ID, 0, info("Fabrikam Holdings, Inc.", "evil",
        new PrimaryContact(" Dana ", "Birkby-Smith", "dana@fabrikam.example", "+1 716 555 0199")));

    assertThat(version).isEqualTo(1);
    CustomerRecord customer = customers.find(FABRIKAM_ID).orElseThrow();
    assertThat(customer.companyName()).isEqualTo("Fabrikam Holdings, Inc.");
    assertThat(customer.addressLine1()).isEqualTo("1 Lake Shore Drive");
    assertThat(customer.addressLine2()).isNull();
    assertThat(customer.city()).isEqualTo("Buffalo");
    assertThat(customer.state()).isEqualTo("NY");
    assertThat(customer.postalCode()).isEqualTo("14202");
    assertThat(customer.country()).isEqualTo("US");
    assertThat(customer.version()).isEqualTo(1);
    assertThat(customer.domainPrefix()).as("the domain prefix never changes").isEqualTo("fabrikam");
    assertThat(customers.primaryContact(FABRIKAM_ID)).hasValueSatisfying(contact -> {
      assertThat(contact.firstName()).isEqualTo("Dana");
      assertThat(contact.lastName()).isEqualTo("Birkby-Smith");
      assertThat(contact.email()).isEqualTo("dana@fabrikam.example");
      assertThat(contact.phone()).isEqualTo("+1 716 555 0199");
    });
    assertThat(jdbc.sql("select count(*) from contact where customer_id = ?").param(FABRIKAM_ID)
        .query(Long.class).single()).as("the contact is updated, not added").isEqualTo(1);
  }

  @Test
  void aRenamedCompanyIsFoundAndSortedByItsNewNameOnly() {
    CustomerDirectory directory = new CustomerDirectory(jdbc);

    customers.updateAccountInfo(FABRIKAM_ID, 0, info("  Zava Holdings ", "fabrikam",
        new PrimaryContact("Dana", "Birkby", "dana@fabrikam.example", null)));

    assertThat(directory.search(new CustomerQuery("zava h", null, null, 0, 10, "company", false)).items())
        .extracting(CustomerRow::id).containsExactly(FABRIKAM_ID);
    assertThat(directory.search(new CustomerQuery("Fabrikam,", null, null, 0, 10, "company", false)).items())
        .as("the old name is gone from the key").isEmpty();
    assertThat(directory.search(new CustomerQuery("fabrikam", null, null, 0, 10, "company", false)).items())
        .as("the domain still finds it").extracting(CustomerRow::id).containsExactly(FABRIKAM_ID);
    assertThat(jdbc.sql("select company_name_key from customer where id = ?").param(FABRIKAM_ID)
        .query(String.class).single()).isEqualTo("zava holdings");
  }

  @Test
  void theSecondOfTwoUpdatesFromTheSameVersionFailsAndTheFirstStays() {
    CustomerRecord read = customers.find(FABRIKAM_ID).orElseThrow();

    customers.updateAccountInfo(FABRIKAM_ID, read.version(),
        info("Fabrikam First", "fabrikam", new PrimaryContact("Ann", "First", "ann@fabrikam.example", null)));

    assertThatThrownBy(() -> customers.updateAccountInfo(FABRIKAM_ID, read.version(),
        info("Fabrikam Second", "fabrikam", new PrimaryContact("Bob", "Second", "bob@fabrikam.example", null))))
        .isInstanceOfSatisfying(ConcurrentUpdateException.class, e -> {
          assertThat(e.customerId()).isEqualTo(FABRIKAM_ID);
          assertThat(e.expectedVersion()).isEqualTo(0);
        });

    CustomerRecord after = customers.find(FABRIKAM_ID).orElseThrow();
    assertThat(after.companyName()).isEqualTo("Fabrikam First");
    assertThat(after.version()).isEqualTo(1);
    assertThat(after.domainPrefix()).isEqualTo("fabrikam");
    assertThat(customers.primaryContact(FABRIKAM_ID).orElseThrow().email()).isEqualTo("ann@fabrikam.example");
  }

  @Test
  void anUpdateFromTheNewVersionSucceeds() {
    int v1 = customers.updateAccountInfo(FABRIKAM_ID, 0,
        info("Fabrikam One", "fabrikam", new PrimaryContact("Ann", "One", "ann@fabrikam.example", null)));
    int v2 = customers.updateAccountInfo(FABRIKAM_ID, v1,
        info("Fabrikam Two", "fabrikam", new PrimaryContact("Ann", "Two", "ann@fabrikam.example", null)));

    assertThat(v2).isEqualTo(2);
    assertThat(customers.find(FABRIKAM_ID).orElseThrow().companyName()).isEqualTo("Fabrikam Two");
  }

  @Test
  void anUnknownCustomerIsAConflictAndWritesNothing() {
    assertThatThrownBy(() -> customers.updateAccountInfo("no-such-customer", 0,
        info("Ghost", "ghost", new PrimaryContact("A", "B", "a@b.example", null))))
        .isInstanceOf(ConcurrentUpdateException.class);
    assertThat(jdbc.sql("select count(*) from contact where customer_id = 'no-such-customer'")
        .query(Long.class).single()).isZero();
  }

  @Test
  void aCustomerWithoutContactGetsOne() {
    jdbc.sql("delete from contact where customer_id = ?").param(FABRIKAM_ID).update();

    customers.updateAccountInfo(FABRIKAM_ID, 0,
        info("Fabrikam, Inc.", "fabrikam", new PrimaryContact("Dana", "Birkby", "dana@fabrikam.example", null)));

    assertThat(customers.primaryContact(FABRIKAM_ID).orElseThrow().email()).isEqualTo("dana@fabrikam.example");
  }

  private static AccountInfo info(String companyName, String domainPrefix, PrimaryContact contact) {
    return new AccountInfo(companyName, domainPrefix, "1 Lake Shore Drive", " ", "Buffalo", "NY", "14202", "us",
        "en-US", "en", null, contact);
  }
}
