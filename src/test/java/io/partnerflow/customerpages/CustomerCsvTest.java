package io.partnerflow.customerpages;

import static io.partnerflow.testsupport.RegistryTestDatabase.ADATUM_RESELLER_ID;
import static io.partnerflow.testsupport.RegistryTestDatabase.insertCustomer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerflow.catalog.OfferCatalog;
import io.partnerflow.customer.CustomerDirectory;
import io.partnerflow.customer.CustomerQuery;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.Relationship;
import io.partnerflow.provisioning.ProvisioningService;
import io.partnerflow.testsupport.RegistryTestDatabase;
import io.partnerflow.validation.ValidationException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The CSV exports: RFC 4180 escaping, the formula-injection guard, the BOM, and every page. */
class CustomerCsvTest {

  private JdbcClient jdbc;
  private CustomerDirectory directory;
  private ProvisioningService provisioning;
  private OfferCatalog offers;

  @BeforeEach
  void setUp() {
    jdbc = RegistryTestDatabase.create();
    directory = new CustomerDirectory(jdbc);
    Clock clock = Clock.fixed(Instant.parse("2025-06-02T08:00:00Z"), ZoneOffset.UTC);
    provisioning = new ProvisioningService(new CustomerRegistry(jdbc, clock), null, null, jdbc, clock);
    offers = new OfferCatalog(jdbc);
  }

  @Test
  void plainFieldsAreWrittenAsTheyAre() {
    assertThat(CustomerCsv.field("Fabrikam Inc")).isEqualTo("Fabrikam Inc");
    assertThat(CustomerCsv.field("Café Müller & Söhne")).isEqualTo("Café Müller & Söhne");
    assertThat(CustomerCsv.field("")).isEmpty();
    assertThat(CustomerCsv.field(null)).isEmpty();
    assertThat(CustomerCsv.field("5100231")).isEqualTo("5100231");
  }

  @Test
  void commasQuotesAndLineBreaksAreQuoted() {
    assertThat(CustomerCsv.field("Fabrikam, Inc.")).isEqualTo("\"Fabrikam, Inc.\"");
    assertThat(CustomerCsv.field("The \"Best\" Co")).isEqualTo("\"The \"\"Best\"\" Co\"");
    assertThat(CustomerCsv.field("\"")).isEqualTo("\"\"\"\"");
    assertThat(CustomerCsv.field("line1\nline2")).isEqualTo("\"line1\nline2\"");
    assertThat(CustomerCsv.field("line1\r\nline2")).isEqualTo("\"line1\r\nline2\"");
    assertThat(CustomerCsv.field("a\rb")).isEqualTo("\"a\rb\"");
  }

  @Test
  void formulaLeadingCharactersGetAnApostrophe() {
    assertThat(CustomerCsv.field("=HYPERLINK(\"http://evil.example\")"))
        .isEqualTo("\"'=HYPERLINK(\"\"http://evil.example\"\")\"");
    assertThat(CustomerCsv.field("=1+2")).isEqualTo("'=1+2");
    assertThat(CustomerCsv.field("+1 716 555 0100")).isEqualTo("'+1 716 555 0100");
    assertThat(CustomerCsv.field("-2+3")).isEqualTo("'-2+3");
    assertThat(CustomerCsv.field("@SUM(A1:A2)")).isEqualTo("'@SUM(A1:A2)");
    assertThat(CustomerCsv.field("\tcmd")).isEqualTo("'\tcmd");
    assertThat(CustomerCsv.field("\rcmd")).isEqualTo("\"'\rcmd\"");
    assertThat(CustomerCsv.field("=cmd|' /C calc'!A0, x")).isEqualTo("\"'=cmd|' /C calc'!A0, x\"");
    // Only the first character counts
    assertThat(CustomerCsv.field("A=B")).isEqualTo("A=B");
    assertThat(CustomerCsv.field("Contoso - Iberia")).isEqualTo("Contoso - Iberia");
  }

  @Test
  void aRowIsCommaSeparatedAndEndsWithCrLf() throws IOException {
    StringWriter out = new StringWriter();
    CustomerCsv.writeRow(out, Arrays.asList("a", null, "b,c", "=d"));
    assertThat(out).hasToString("a,,\"b,c\",'=d\r\n");
  }

  @Test
  void theCustomerExportHasABomAHeaderAndEveryMatchingCustomerOfEveryPage() throws IOException {
    for (int i = 0; i < 7; i++) {
      insertCustomer(jdbc, "Zeta " + i, "zeta" + i, Relationship.RESELLER, ADATUM_RESELLER_ID,
          Instant.parse("2025-05-01T10:00:00Z").plusSeconds(i));
    }
    insertCustomer(jdbc, "Other", "other", Relationship.NONE, null, Instant.parse("2025-05-01T10:00:00Z"));
    CustomerCsv csv = new CustomerCsv(directory, provisioning, offers, 3);

    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    long count;
    try (Writer out = new OutputStreamWriter(bytes, StandardCharsets.UTF_8)) {
      count = csv.writeCustomers(new CustomerQuery("zeta", null, null, 0, 1, "company", true), out);
    }

    byte[] raw = bytes.toByteArray();
    assertThat(Arrays.copyOf(raw, 3)).as("UTF-8 BOM").containsExactly(0xEF, 0xBB, 0xBF);
    String text = new String(raw, StandardCharsets.UTF_8).substring(1);
    List<String> lines = lines(text);
    assertThat(count).isEqualTo(7);
    assertThat(lines).hasSize(8);
    assertThat(lines.get(0)).isEqualTo(
        "Customer ID,Company name,Primary domain,Relationship,Reseller name,Reseller partner ID");
    assertThat(lines.subList(1, 8)).extracting(l -> l.split(",")[1])
        .containsExactly("Zeta 6", "Zeta 5", "Zeta 4", "Zeta 3", "Zeta 2", "Zeta 1", "Zeta 0");
    assertThat(lines.get(1)).endsWith(",Zeta 6,zeta6.onmicrosoft.com,RESELLER,Adatum IT Services,5100231");
  }

  @Test
  void anExactMultipleOfThePageSizeIsExportedOnce() throws IOException {
    for (int i = 0; i < 6; i++) {
      insertCustomer(jdbc, "Zeta " + i, "zeta" + i, Relationship.NONE, null, Instant.parse("2025-05-01T10:00:00Z"));
    }
    StringWriter out = new StringWriter();
    long count = new CustomerCsv(directory, provisioning, offers, 3)
        .writeCustomers(new CustomerQuery("zeta", null, null, 0, 25, null, false), out);

    assertThat(count).isEqualTo(6);
    assertThat(lines(out.toString().substring(1))).hasSize(7).doesNotHaveDuplicates();
  }

  @Test
  void theSeededCustomerIsQuotedForItsComma() throws IOException {
    StringWriter out = new StringWriter();
    new CustomerCsv(directory, provisioning, offers).writeCustomers(
        new CustomerQuery("fab", null, null, 0, 25, "company", false), out);

    assertThat(out.toString()).startsWith("\uFEFF").endsWith("\r\n");
    assertThat(lines(out.toString().substring(1))).containsExactly(
        "Customer ID,Company name,Primary domain,Relationship,Reseller name,Reseller partner ID",
        RegistryTestDatabase.FABRIKAM_ID + ",\"Fabrikam, Inc.\",fabrikam.onmicrosoft.com,NONE,,");
  }

  @Test
  void aBadQueryFailsBeforeAnythingIsWritten() {
    StringWriter out = new StringWriter();
    assertThatThrownBy(() -> new CustomerCsv(directory, provisioning, offers)
        .writeCustomers(new CustomerQuery(null, null, null, 0, 25, "nope", false), out))
        .isInstanceOf(ValidationException.class);
    assertThat(out.toString()).isEmpty();
  }

  @Test
  void theSubscriptionExportListsEachSubscriptionWithItsOfferName() throws IOException {
    String id = insertCustomer(jdbc, "Zeta", "zeta", Relationship.RESELLER, ADATUM_RESELLER_ID,
        Instant.parse("2025-05-01T10:00:00Z"));
    subscription("sub-1", id, 0, "O365-E3", 25, "ACTIVE", "5100231");
    subscription("=sub-2", id, 1, "TEAMS-PHONE-STANDARD", 5, "SUSPENDED", null);

    StringWriter out = new StringWriter();
    int count = new CustomerCsv(directory, provisioning, offers).writeSubscriptions(id, out);

    assertThat(count).isEqualTo(2);
    assertThat(out.toString()).startsWith("\uFEFF");
    assertThat(lines(out.toString().substring(1))).containsExactly(
        "Subscription ID,Offer ID,Offer name,Quantity,Status,Reseller partner ID",
        "sub-1,O365-E3,Office 365 E3,25,ACTIVE,5100231",
        "'=sub-2,TEAMS-PHONE-STANDARD,Teams Phone Standard,5,SUSPENDED,");
  }

  @Test
  void aCustomerWithoutSubscriptionsGetsTheHeaderOnly() throws IOException {
    StringWriter out = new StringWriter();
    new CustomerCsv(directory, provisioning, offers).writeSubscriptions(RegistryTestDatabase.FABRIKAM_ID, out);
    assertThat(out).hasToString("\uFEFFSubscription ID,Offer ID,Offer name,Quantity,Status,Reseller partner ID\r\n");
  }

  private void subscription(String id, String customerId, int line, String offerId, int quantity, String status,
      String resellerPartnerId) {
    jdbc.sql("""
        insert into subscription (id, customer_id, line_number, offer_id, quantity, status, reseller_partner_id,
          provisioned_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
        .params(id, customerId, line, offerId, quantity, status, resellerPartnerId,
            Timestamp.from(Instant.parse("2025-05-02T10:00:00Z")))
        .update();
  }

  /** Records split on CRLF; every record must end with one. */
  private static List<String> lines(String text) {
    assertThat(text).endsWith("\r\n");
    assertThat(text.replace("\r\n", "")).doesNotContain("\n").doesNotContain("\r");
    return List.of(text.substring(0, text.length() - 2).split("\r\n", -1));
  }
}
