package io.partnerflow.customer;

import static io.partnerflow.testsupport.RegistryTestDatabase.ADATUM_RESELLER_ID;
import static io.partnerflow.testsupport.RegistryTestDatabase.FABRIKAM_ID;
import static io.partnerflow.testsupport.RegistryTestDatabase.TAILSPIN_RESELLER_ID;
import static io.partnerflow.testsupport.RegistryTestDatabase.insertCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerflow.testsupport.RegistryTestDatabase;
import io.partnerflow.validation.PageResult;
import io.partnerflow.validation.ValidationException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The customer list's search, filters, paging and sort against a real (H2) schema; no Spring context. */
class CustomerDirectoryTest {

  private JdbcClient jdbc;
  private CustomerDirectory directory;

  @BeforeEach
  void setUp() {
    jdbc = RegistryTestDatabase.create();
    directory = new CustomerDirectory(jdbc);
    // The seed has Fabrikam, Inc. (fabrikam, NONE, created 2025-03-14)
    insertCustomer(jdbc, "Contoso Iberia S.L.", "contosoiberia", Relationship.RESELLER, ADATUM_RESELLER_ID,
        Instant.parse("2025-04-01T10:00:00Z"));
    insertCustomer(jdbc, "contoso Aragon Ltd", "contosoaragon", Relationship.RESELLER, TAILSPIN_RESELLER_ID,
        Instant.parse("2025-04-02T10:00:00Z"));
    insertCustomer(jdbc, "Northwind Traders", "nwtraders", Relationship.NONE, null,
        Instant.parse("2025-05-01T10:00:00Z"));
    insertCustomer(jdbc, "100% Cloud Works", "cloudworks", Relationship.RESELLER, ADATUM_RESELLER_ID,
        Instant.parse("2025-05-02T10:00:00Z"));
    insertCustomer(jdbc, "1000 Clouds AG", "thousandclouds", Relationship.NONE, null,
        Instant.parse("2025-05-03T10:00:00Z"));
    insertCustomer(jdbc, "A_B Systems", "abs", Relationship.NONE, null, Instant.parse("2025-05-04T10:00:00Z"));
    insertCustomer(jdbc, "AxB Systems", "axb", Relationship.NONE, null, Instant.parse("2025-05-05T10:00:00Z"));
  }

  @Test
  void textMatchesTheStartOfTheCompanyNameCaseInsensitively() {
    assertThat(companies(search("fab"))).containsExactly("Fabrikam, Inc.");
    assertThat(companies(search("FABRIKAM, INC"))).containsExactly("Fabrikam, Inc.");
    assertThat(companies(search("  Contoso "))).containsExactly("contoso Aragon Ltd", "Contoso Iberia S.L.");
    assertThat(companies(search("contoso i"))).containsExactly("Contoso Iberia S.L.");
  }

  @Test
  void textMatchesTheStartOfThePrimaryDomain() {
    assertThat(companies(search("nwtr"))).containsExactly("Northwind Traders");
    assertThat(companies(search("NWTRADERS"))).containsExactly("Northwind Traders");
    assertThat(companies(search("nwtraders.onmicrosoft.com"))).containsExactly("Northwind Traders");
    assertThat(companies(search("NwTraders.OnMicrosoft.Com"))).containsExactly("Northwind Traders");
    assertThat(companies(search("FABRIKAM.onmicrosoft"))).containsExactly("Fabrikam, Inc.");
    assertThat(companies(search("fabrikam."))).containsExactly("Fabrikam, Inc.");
    assertThat(companies(search("contosoaragon.on"))).containsExactly("contoso Aragon Ltd");
  }

  @Test
  void aCustomerMatchedByNameAndDomainCountsOnce() {
    // The count adds the name matches and the domain-only matches
    assertThat(search("contoso").total()).isEqualTo(2);
    assertThat(search("nwtr").total()).as("domain only").isEqualTo(1);
    assertThat(search("northwind").total()).as("name only").isEqualTo(1);
    assertThat(search("contosoiberia.onmicrosoft.com").total()).isEqualTo(1);
    assertThat(query("contoso", ADATUM_RESELLER_ID, Relationship.RESELLER, 0, 1, "company", false).total())
        .as("filters apply to both parts").isEqualTo(1);
  }

  @Test
  void aDomainWithTheSuffixNeedsTheWholePrefix() {
    // "fab.onmicrosoft.com" is not the start of "fabrikam.onmicrosoft.com"
    assertThat(search("fab.onmicrosoft.com").items()).isEmpty();
    assertThat(search("fabrikam.example.com").items()).isEmpty();
    assertThat(search("fabrikam.onmicrosoft.com.evil").items()).isEmpty();
  }

  @Test
  void textNeverMatchesInTheMiddle() {
    assertThat(search("iberia").items()).isEmpty();
    assertThat(search("rikam").items()).isEmpty();
    assertThat(search("traders").items()).isEmpty();
    assertThat(search("onmicrosoft").items()).isEmpty();
    assertThat(search("inc").items()).isEmpty();
  }

  @Test
  void likeWildcardsInTheTextAreLiteral() {
    assertThat(companies(search("100%"))).containsExactly("100% Cloud Works");
    assertThat(companies(search("100"))).containsExactly("100% Cloud Works", "1000 Clouds AG");
    assertThat(companies(search("a_b"))).containsExactly("A_B Systems");
    assertThat(search("%").items()).isEmpty();
    assertThat(search("_").items()).isEmpty();
    assertThat(search("\\").items()).isEmpty();
  }

  @Test
  void filtersByResellerAndRelationship() {
    assertThat(companies(query(null, ADATUM_RESELLER_ID, null, 0, 50, "company", false)))
        .containsExactly("100% Cloud Works", "Contoso Iberia S.L.");
    assertThat(companies(query(null, TAILSPIN_RESELLER_ID, null, 0, 50, "company", false)))
        .containsExactly("contoso Aragon Ltd");
    assertThat(companies(query(null, null, Relationship.RESELLER, 0, 50, "company", false)))
        .containsExactly("100% Cloud Works", "contoso Aragon Ltd", "Contoso Iberia S.L.");
    assertThat(companies(query(null, null, Relationship.NONE, 0, 50, "company", false)))
        .containsExactly("1000 Clouds AG", "A_B Systems", "AxB Systems", "Fabrikam, Inc.", "Northwind Traders");
    assertThat(companies(query("contoso", ADATUM_RESELLER_ID, Relationship.RESELLER, 0, 50, "company", false)))
        .containsExactly("Contoso Iberia S.L.");
    assertThat(query(null, ADATUM_RESELLER_ID, Relationship.NONE, 0, 50, "company", false).total()).isZero();
  }

  @Test
  void rowsCarryTheResellerAndPrimaryDomain() {
    CustomerRow row = search("contoso i").items().get(0);
    assertThat(row.primaryDomain()).isEqualTo("contosoiberia.onmicrosoft.com");
    assertThat(row.relationship()).isEqualTo(Relationship.RESELLER);
    assertThat(row.resellerId()).isEqualTo(ADATUM_RESELLER_ID);
    assertThat(row.resellerName()).isEqualTo("Adatum IT Services");
    assertThat(row.resellerPartnerId()).isEqualTo("5100231");
    CustomerRow fabrikam = search("fab").items().get(0);
    assertThat(fabrikam.id()).isEqualTo(FABRIKAM_ID);
    assertThat(fabrikam.resellerName()).isNull();
  }

  @Test
  void pagesCountTheWholeResult() {
    PageResult<CustomerRow> first = query(null, null, null, 0, 3, "company", false);
    PageResult<CustomerRow> second = query(null, null, null, 1, 3, "company", false);
    PageResult<CustomerRow> third = query(null, null, null, 2, 3, "company", false);
    PageResult<CustomerRow> beyond = query(null, null, null, 3, 3, "company", false);

    assertThat(List.of(first.total(), second.total(), third.total(), beyond.total())).containsOnly(8L);
    assertThat(first.totalPages()).isEqualTo(3);
    assertThat(companies(first)).containsExactly("100% Cloud Works", "1000 Clouds AG", "A_B Systems");
    assertThat(companies(second)).containsExactly("AxB Systems", "contoso Aragon Ltd", "Contoso Iberia S.L.");
    assertThat(companies(third)).containsExactly("Fabrikam, Inc.", "Northwind Traders");
    assertThat(beyond.items()).isEmpty();
    assertThat(query("contoso", null, null, 0, 1, "company", false).totalPages()).isEqualTo(2);
  }

  @Test
  void sortsByEachKeyBothWays() {
    // company: case-insensitive ("contoso A" before "Contoso I", whatever the case)
    assertThat(companies(query("co", null, null, 0, 50, "company", false)))
        .containsExactly("contoso Aragon Ltd", "Contoso Iberia S.L.");
    assertThat(companies(query("co", null, null, 0, 50, "company", true)))
        .containsExactly("Contoso Iberia S.L.", "contoso Aragon Ltd");
    // domain: the prefix
    assertThat(domains(query("a", null, null, 0, 50, "domain", false)))
        .containsExactly("abs.onmicrosoft.com", "axb.onmicrosoft.com");
    assertThat(domains(query("c", null, null, 0, 50, "domain", false))).containsExactly(
        "cloudworks.onmicrosoft.com", "contosoaragon.onmicrosoft.com", "contosoiberia.onmicrosoft.com");
    assertThat(domains(query("c", null, null, 0, 50, "domain", true))).containsExactly(
        "contosoiberia.onmicrosoft.com", "contosoaragon.onmicrosoft.com", "cloudworks.onmicrosoft.com");
    // relationship: NONE before RESELLER
    assertThat(query(null, null, null, 0, 50, "relationship", false).items().stream()
        .map(CustomerRow::relationship).toList())
        .containsExactly(Relationship.NONE, Relationship.NONE, Relationship.NONE, Relationship.NONE,
            Relationship.NONE, Relationship.RESELLER, Relationship.RESELLER, Relationship.RESELLER);
    assertThat(query(null, null, null, 0, 50, "relationship", true).items().get(0).relationship())
        .isEqualTo(Relationship.RESELLER);
    // created
    assertThat(companies(query(null, null, null, 0, 3, "created", false)))
        .containsExactly("Fabrikam, Inc.", "Contoso Iberia S.L.", "contoso Aragon Ltd");
    assertThat(companies(query(null, null, null, 0, 3, "created", true)))
        .containsExactly("AxB Systems", "A_B Systems", "1000 Clouds AG");
    // no sort: company
    assertThat(companies(query("co", null, null, 0, 50, null, false)))
        .containsExactly("contoso Aragon Ltd", "Contoso Iberia S.L.");
  }

  @Test
  void aCustomerWrittenBeforeTheSearchKeyMigrationIsFoundThroughItsBackfilledKey() {
    // The schema as of V4, then a row the way the product wrote it then (no key), then V5 onwards
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    String[] locations = {"classpath:db/migration", "classpath:db/vendor/h2", "classpath:db/demo"};
    Flyway.configure().dataSource(dataSource).locations(locations).target("4").load().migrate();
    JdbcClient before = JdbcClient.create(dataSource);
    before.sql("""
        insert into customer (id, company_name, domain_prefix, address_line1, city, country, culture, language,
          relationship, admin_user_name, created_by, created_at, version)
        values ('legacy-1', 'Wide World Importers', 'wwimporters', '1 Main Street', 'Madrid', 'ES', 'es-ES', 'es',
          'RESELLER', 'admin@wwimporters.onmicrosoft.com', 'test', timestamp '2024-01-01 00:00:00', 0)""")
        .update();

    Flyway.configure().dataSource(dataSource).locations(locations).load().migrate();

    CustomerDirectory migrated = new CustomerDirectory(before);
    assertThat(migrated.search(new CustomerQuery("WIDE world", null, null, 0, 50, "company", false)).items())
        .extracting(CustomerRow::id).containsExactly("legacy-1");
    assertThat(migrated.search(new CustomerQuery(null, null, null, 0, 50, "company", false)).items())
        .extracting(CustomerRow::companyName).as("sorted by the backfilled key")
        .containsExactly("Fabrikam, Inc.", "Wide World Importers");
  }

  @Test
  void anUnknownSortIsRejectedByName() {
    assertThatThrownBy(() -> query(null, null, null, 0, 25, "company_name; drop table customer", false))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .singleElement().satisfies(v -> assertThat(v.field()).isEqualTo("sort")));
  }

  @Test
  void badPagingIsRejected() {
    assertThatThrownBy(() -> query(null, null, null, -1, 0, "company", false))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(v -> v.field()).containsExactlyInAnyOrder("page", "size"));
  }

  private PageResult<CustomerRow> search(String text) {
    return query(text, null, null, 0, 50, "company", false);
  }

  private PageResult<CustomerRow> query(String text, String resellerId, Relationship relationship, int page,
      int size, String sort, boolean descending) {
    return directory.search(new CustomerQuery(text, resellerId, relationship, page, size, sort, descending));
  }

  private static List<String> companies(PageResult<CustomerRow> result) {
    return result.items().stream().map(CustomerRow::companyName).toList();
  }

  private static List<String> domains(PageResult<CustomerRow> result) {
    return result.items().stream().map(CustomerRow::primaryDomain).toList();
  }
}
