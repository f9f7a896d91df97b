package io.partnerflow.customerpages;

import static io.partnerflow.testsupport.RegistryTestDatabase.FABRIKAM_ID;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.catalog.OrderLine;
import io.partnerflow.consent.AgreementAttestation;
import io.partnerflow.consent.AgreementProperties;
import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.NewCustomer;
import io.partnerflow.customer.PrimaryContact;
import io.partnerflow.customer.Relationship;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.invitation.AcceptedInvitations;
import io.partnerflow.invitation.Answer;
import io.partnerflow.invitation.AnswerChannel;
import io.partnerflow.invitation.AnswerType;
import io.partnerflow.invitation.Invitation;
import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.invitation.InvitationRegistry;
import io.partnerflow.invitation.NewInvitation;
import io.partnerflow.relationship.EndRelationshipProcess;
import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The customer pages over HTTP, as operator and manager (HTTP Basic, a cookie for the session's CSRF token). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class CustomerPagesTest {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @LocalServerPort
  int port;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  CustomerRegistry customers;

  @Autowired
  HistoryService historyService;

  @Autowired
  RelationshipService relationships;
  @Autowired
  AcceptedInvitations acceptedInvitations;

  @Autowired
  InvitationRegistry invitations;

  @Autowired
  AgreementProperties agreement;

  @Autowired
  PlatformTransactionManager transactionManager;

  TransactionTemplate inTransaction;

  Client operator;
  Client manager;
  Client anonymous;

  @BeforeEach
  void clients() {
    inTransaction = new TransactionTemplate(transactionManager);
    operator = new Client("operator", "operator");
    manager = new Client("manager", "manager");
    anonymous = new Client(null, null);
  }

  @Test
  void anonymousRequestsAreRejected() {
    for (String path : new String[] {"/customers", "/customers/export.csv", "/customers/" + FABRIKAM_ID,
        "/customers/" + FABRIKAM_ID + "/edit", "/customers/" + FABRIKAM_ID + "/subscriptions.csv"}) {
      HttpResponse<String> response = anonymous.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.body()).as(path).doesNotContain("Fabrikam");
    }
    // a post without the session's form token is refused before anything else (Spring Security's CSRF filter)
    assertThat(anonymous.post("/customers/" + FABRIKAM_ID + "/invite", Map.of()).statusCode()).isEqualTo(403);
  }

  @Test
  void operatorSeesTheListAndFindsFabrikamByCompanyAndByDomain() {
    HttpResponse<String> all = operator.get("/customers");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
    assertThat(all.body()).contains("Fabrikam, Inc.", "fabrikam.onmicrosoft.com", "/customers/" + FABRIKAM_ID,
        "Export CSV", "Tasklist", "Cockpit", "Mailbox");

    assertThat(operator.get("/customers?q=fab").body()).contains("Fabrikam, Inc.", "/customers/" + FABRIKAM_ID);
    assertThat(operator.get("/customers?q=" + enc("FABRIKAM.onmicrosoft")).body()).contains("Fabrikam, Inc.");
    HttpResponse<String> none = operator.get("/customers?q=rikam");
    assertThat(none.statusCode()).isEqualTo(200);
    assertThat(none.body()).doesNotContain("Fabrikam, Inc.").contains("No customer matches");
    assertThat(operator.get("/customers?relationship=RESELLER&q=fab").body()).doesNotContain("Fabrikam, Inc.");
    assertThat(operator.get("/customers?relationship=NONE&q=fab").body()).contains("Fabrikam, Inc.");
    assertThat(operator.get("/customers?sort=domain&dir=desc&q=fab").body()).contains("Fabrikam, Inc.");
    // The export link keeps the search
    assertThat(operator.get("/customers?q=fab&relationship=NONE").body())
        .contains("/customers/export.csv?q=fab&amp;relationship=NONE");
  }

  @Test
  void searchTextIsEscapedAndBadParametersAreA400() {
    HttpResponse<String> script = operator.get("/customers?q=" + enc("<script>alert(1)</script>"));
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.body()).doesNotContain("<script>alert(1)</script>").contains("&lt;script&gt;");

    HttpResponse<String> badSort = operator.get("/customers?sort=evil");
    assertThat(badSort.statusCode()).isEqualTo(400);
    assertThat(badSort.body()).contains("Sort by one of");
    assertThat(operator.get("/customers?relationship=FRIEND").statusCode()).isEqualTo(400);
    assertThat(operator.get("/customers/export.csv?sort=evil").statusCode()).isEqualTo(400);
  }

  @Test
  void detailShowsAccountInfoContactAndRelationship() {
    HttpResponse<String> response = operator.get("/customers/" + FABRIKAM_ID);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).contains("Fabrikam, Inc.", "fabrikam.onmicrosoft.com", "4567 Main Street",
        "Buffalo", "Dana Birkby", "dana.birkby@fabrikam.example", "+1 716 555 0100", "No relationship",
        "Invite to connect", "Edit account info", "/customers/" + FABRIKAM_ID + "/subscriptions.csv");
    assertThat(response.body()).doesNotContain("id=\"end-relationship\"");
    // The seeded tenant has its history too, and its codes read as words
    assertThat(section(response, "history")).contains("2025-03-14 09:30 UTC", "Listed as an existing tenant",
        "No relationship", "seed");
    assertThat(section(response, "account")).contains("United States (US)", "English (United States)",
        "Listed as an existing tenant, without a relationship");
    assertNoStoredCodes(response);
    assertThat(operator.get("/customers/no-such-customer").statusCode()).isEqualTo(404);
  }

  @Test
  void anOnboardedCustomerShowsItCameInByOnboardingWithDelegatedAdmin() {
    String id = onboardedCustomer();

    HttpResponse<String> response = manager.get("/customers/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(section(response, "history")).contains("Onboarded: we created the tenant", "Reseller relationship",
        "<td>Yes</td>", "<td>operator</td>");
    assertThat(section(response, "origin")).contains("By onboarding: we created the tenant", "by operator");
    assertThat(section(response, "relationship")).contains("Reseller relationship")
        .containsPattern("<span>Yes</span>\\s*<span class=\"muted\">since \\d{4}-\\d{2}-\\d{2} \\(Onboarded: we created the tenant\\)");
    assertThat(section(response, "account")).contains("admin@" + customers.find(id).orElseThrow().domainPrefix()
        + ".onmicrosoft.com", "Calle Mayor 1", "28013 Madrid", "Spain (ES)", "Spanish (Spain)");
    // The agreement by its name, date, signer and who attested; the template id as secondary detail
    assertThat(section(response, "agreements")).contains("Microsoft Customer Agreement", "2025-06-01",
        "Lucía García", "lucia@contoso.example", "operator",
        "<span class=\"muted\">Template " + agreement.templateId() + "</span>");
    assertThat(section(response, "subscriptions")).contains("Office 365 E3", ">Active</span>");
    assertNoStoredCodes(response);
  }

  @Test
  void aCustomerFromAnInvitationShowsTheAdminWhoAcceptedAndSaysWhatIsNotOnRecord() {
    String id = invitedCustomer("María José Pérez", "maria@northwind.example");

    HttpResponse<String> response = operator.get("/customers/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(section(response, "contact-heading")).contains("The global admin who accepted the invitation to connect",
        "María José Pérez", "maria@northwind.example");
    assertThat(section(response, "address")).contains("not on record", " — edit account info to add it");
    assertThat(section(response, "account")).contains("Admin user", "not on record", " — we did not create this tenant",
        "By an invitation to connect: the tenant existed, its global admin accepted", "by maria@northwind.example");
    assertThat(section(response, "history")).contains("Invitation to connect accepted", "Reseller relationship",
        "maria@northwind.example");
    assertThat(section(response, "agreements")).contains("Microsoft Customer Agreement", "María José Pérez");
    assertNoStoredCodes(response);

    // A manager cannot edit: the page says what is missing, not what to click
    assertThat(section(manager.get("/customers/" + id), "address")).contains("not on record")
        .doesNotContain("edit account info");
  }

  @Test
  void customerListDownloadsAsCsv() {
    HttpResponse<String> response = operator.get("/customers/export.csv?q=fab");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValue("text/csv;charset=UTF-8");
    assertThat(response.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("attachment").contains("filename=\"customers.csv\""));
    assertThat(response.body()).isEqualTo("\uFEFF"
        + "Customer ID,Company name,Primary domain,Relationship,Reseller name,Reseller partner ID\r\n"
        + FABRIKAM_ID + ",\"Fabrikam, Inc.\",fabrikam.onmicrosoft.com,NONE,,\r\n");

    HttpResponse<String> subscriptions = operator.get("/customers/" + FABRIKAM_ID + "/subscriptions.csv");
    assertThat(subscriptions.statusCode()).isEqualTo(200);
    assertThat(subscriptions.headers().firstValue("Content-Disposition"))
        .hasValueSatisfying(v -> assertThat(v).contains("fabrikam-subscriptions.csv"));
    assertThat(subscriptions.body())
        .isEqualTo("\uFEFFSubscription ID,Offer ID,Offer name,Quantity,Status,Reseller partner ID\r\n");
  }

  @Test
  void anInvalidEditIsA422NamingEachFieldAndSavesNothing() {
    String id = usCustomer(Relationship.NONE);
    HttpResponse<String> form = operator.get("/customers/" + id + "/edit");
    assertThat(form.statusCode()).isEqualTo(200);
    assertThat(form.body()).contains("name=\"postalCode\"", "name=\"version\" value=\"0\"", "readonly");

    Map<String, String> fields = validEdit(id, 0);
    fields.put("postalCode", "ABCDE");
    fields.put("contactEmail", "not an email");
    fields.put("domainPrefix", "hijacked");
    HttpResponse<String> response = operator.post("/customers/" + id + "/edit", withCsrf(form, fields));

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(response.body()).contains("Postal code &#39;ABCDE&#39; does not match the format for US",
        "Contact email &#39;not an email&#39; is not a valid email address");
    // next to its field: the message follows the postalCode input, before the next field
    String body = response.body();
    int input = body.indexOf("name=\"postalCode\"");
    int message = body.indexOf("does not match the format for US", input);
    assertThat(input).isPositive();
    assertThat(message).isGreaterThan(input).isLessThan(body.indexOf("name=\"country\""));
    assertThat(body).contains("value=\"ABCDE\"");
    CustomerRecord unchanged = customers.find(id).orElseThrow();
    assertThat(unchanged.version()).isZero();
    assertThat(unchanged.postalCode()).isEqualTo("98052");
  }

  @Test
  void aValidEditIsSavedAndTheDomainPrefixStays() {
    String id = usCustomer(Relationship.NONE);
    HttpResponse<String> form = operator.get("/customers/" + id + "/edit");
    Map<String, String> fields = validEdit(id, 0);
    fields.put("domainPrefix", "hijacked");

    HttpResponse<String> response = operator.post("/customers/" + id + "/edit", withCsrf(form, fields));

    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location")).hasValueSatisfying(v -> assertThat(v).endsWith("/customers/" + id));
    CustomerRecord saved = customers.find(id).orElseThrow();
    assertThat(saved.companyName()).isEqualTo("Edited Company LLC");
    assertThat(saved.city()).isEqualTo("Seattle");
    assertThat(saved.version()).isEqualTo(1);
    assertThat(saved.domainPrefix()).isNotEqualTo("hijacked").startsWith("pt");
    assertThat(customers.primaryContact(id).orElseThrow().email()).isEqualTo("grace@edited.example");
    // The flash message survives the redirect (same session)
    assertThat(operator.get("/customers/" + id).body()).contains("Account info saved.", "Edited Company LLC");
  }

  @Test
  void anEditFromAStaleVersionIsA409AndOverwritesNothing() {
    String id = usCustomer(Relationship.NONE);
    HttpResponse<String> form = operator.get("/customers/" + id + "/edit");
    Map<String, String> first = validEdit(id, 0);
    assertThat(operator.post("/customers/" + id + "/edit", withCsrf(form, first)).statusCode()).isEqualTo(302);

    Map<String, String> second = validEdit(id, 0);
    second.put("companyName", "Someone Else Inc");
    HttpResponse<String> response = operator.post("/customers/" + id + "/edit", withCsrf(form, second));

    assertThat(response.statusCode()).isEqualTo(409);
    assertThat(response.body())
        .contains("This customer was changed by someone else meanwhile; reload to see their changes");
    CustomerRecord kept = customers.find(id).orElseThrow();
    assertThat(kept.companyName()).isEqualTo("Edited Company LLC");
    assertThat(kept.version()).isEqualTo(1);
  }

  @Test
  void aPostWithoutTheSessionsCsrfTokenIsRejected() {
    String id = usCustomer(Relationship.NONE);
    operator.get("/customers/" + id + "/edit");
    Map<String, String> fields = validEdit(id, 0);
    fields.put("_csrf", "forged");
    assertThat(operator.post("/customers/" + id + "/edit", fields).statusCode()).isEqualTo(403);
    assertThat(new Client("operator", "operator").post("/customers/" + id + "/edit", validEdit(id, 0)).statusCode())
        .isEqualTo(403);
    assertThat(customers.find(id).orElseThrow().version()).isZero();
  }

  @Test
  void managerMayViewButNotChange() {
    String id = usCustomer(Relationship.RESELLER);
    assertThat(manager.get("/customers").statusCode()).isEqualTo(200);
    assertThat(manager.get("/customers?q=fab").body()).contains("Fabrikam, Inc.");
    assertThat(manager.get("/customers/export.csv").statusCode()).isEqualTo(200);
    HttpResponse<String> detail = manager.get("/customers/" + id);
    assertThat(detail.statusCode()).isEqualTo(200);
    assertThat(detail.body()).contains("Grace Hopper").doesNotContain("id=\"end-relationship\"")
        .doesNotContain("id=\"edit\"").contains("view only");
    assertThat(manager.get("/customers/" + id + "/edit").statusCode()).isEqualTo(403);

    // Its pages carry no form (and so no token): whatever it posts is refused for its role
    Map<String, String> fields = validEdit(id, 0);
    fields.put("_csrf", "any");
    assertThat(manager.post("/customers/" + id + "/edit", fields).statusCode()).isEqualTo(403);
    assertThat(manager.post("/customers/" + id + "/end-relationship", Map.of("_csrf", "any")).statusCode())
        .isEqualTo(403);
    assertThat(manager.post("/customers/" + FABRIKAM_ID + "/invite", Map.of("_csrf", "any")).statusCode())
        .isEqualTo(403);
    assertThat(customers.find(id).orElseThrow().version()).isZero();
    assertThat(historyService.createHistoricProcessInstanceQuery().variableValueEquals("customerId", id).count())
        .isZero();
  }

  @Test
  void endRelationshipStartsTheProcessForTheCustomer() {
    String id = usCustomer(Relationship.RESELLER);
    HttpResponse<String> detail = operator.get("/customers/" + id);
    assertThat(detail.body()).contains("id=\"end-relationship\"").doesNotContain("id=\"invite\"");

    HttpResponse<String> response = operator.post("/customers/" + id + "/end-relationship",
        Map.of("_csrf", csrfOf(detail), "reason", "Customer moves to another partner"));

    assertThat(response.statusCode()).isEqualTo(302);
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(EndRelationshipProcess.PROCESS_KEY).variableValueEquals("customerId", id)
        .singleResult();
    // Lazily: reading the page consumes its flash message
    assertThat(instance).as(() -> "end-relationship instance for the customer; the page said: "
        + flashOf(operator.get("/customers/" + id))).isNotNull();
    assertThat(instance.getStartUserId()).isEqualTo("operator");
    assertThat(historyService.createHistoricVariableInstanceQuery().processInstanceId(instance.getId())
        .variableName("initiator").singleResult().getValue()).isEqualTo("operator");
    HttpResponse<String> after = operator.get("/customers/" + id);
    assertThat(after.body()).contains("End relationship started", instance.getId(), "End a customer relationship");
  }

  @Test
  void inviteToConnectStartsAnInvitationToThePrimaryContact() {
    String id = usCustomer(Relationship.NONE);
    HttpResponse<String> detail = operator.get("/customers/" + id);
    assertThat(detail.body()).contains("id=\"invite\"").doesNotContain("id=\"end-relationship\"");

    HttpResponse<String> response = operator.post("/customers/" + id + "/invite", Map.of("_csrf", csrfOf(detail)));

    assertThat(response.statusCode()).isEqualTo(302);
    HistoricProcessInstance instance = historyService.createHistoricProcessInstanceQuery()
        .processDefinitionKey(InvitationProcess.PROCESS_KEY).variableValueEquals("customerId", id).singleResult();
    assertThat(instance).as(() -> "the page said: " + flashOf(operator.get("/customers/" + id))).isNotNull();
    Map<String, Object> variables = historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(instance.getId()).list().stream()
        .filter(v -> v.getValue() != null)
        .collect(Collectors.toMap(v -> v.getName(), v -> v.getValue(), (a, b) -> a));
    assertThat(variables).containsEntry("adminEmail", "grace@hopper.example")
        .containsEntry("adminFirstName", "Grace").containsEntry("adminLastName", "Hopper")
        .containsEntry("language", "en").containsEntry("culture", "en-US")
        .containsEntry("includeDelegatedAdmin", false).containsEntry("initiator", "operator");
    HttpResponse<String> after = operator.get("/customers/" + id);
    assertThat(after.body()).contains("Invite to connect started", "/camunda/app/cockpit/default/#/process-");
    // A second click while the invitation is open starts nothing
    assertThat(after.body()).doesNotContain("id=\"invite\"");
    HttpResponse<String> again = operator.post("/customers/" + id + "/invite",
        Map.of("_csrf", csrfOf(operator.get("/customers/" + id + "/edit"))));
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(operator.get("/customers/" + id).body()).contains("is already open");
    assertThat(historyService.createHistoricProcessInstanceQuery().processDefinitionKey(InvitationProcess.PROCESS_KEY)
        .variableValueEquals("customerId", id).count()).isEqualTo(1);
  }

  // --- fixtures

  /** A customer onboarded as CreateCustomerDelegate records one, with an active subscription; returns its id. */
  private String onboardedCustomer() {
    String prefix = "pt" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
    AccountInfo account = new AccountInfo("Contoso Iberia S.L.", prefix, "Calle Mayor 1", null, "Madrid", null,
        "28013", "ES", "es-ES", "es", null, new PrimaryContact("Lucía", "García", "lucia@contoso.example", null));
    AgreementAttestation attestation = new AgreementAttestation(agreement.type(), agreement.templateId(),
        LocalDate.of(2025, 6, 1), "Lucía", "García", "lucia@contoso.example", null, "operator", Instant.now());
    String id = inTransaction.execute(status -> {
      String created = customers.create(new NewCustomer(account, attestation, null, null,
          List.of(new OrderLine(0, "O365-E3", 10)), "admin@" + prefix + AccountInfo.DOMAIN_SUFFIX, "process-1",
          "operator"));
      relationships.recordOnboarding(created, "operator");
      return created;
    });
    jdbc.sql("""
        insert into subscription (id, customer_id, line_number, offer_id, quantity, status, provisioned_at)
        values (?, ?, 0, 'O365-E3', 10, 'ACTIVE', ?)""")
        .params("sub-" + prefix, id, Timestamp.from(Instant.now())).update();
    return id;
  }

  /** A tenant we did not know, whose global admin accepted an invitation (and the agreement); returns its id. */
  private String invitedCustomer(String adminName, String adminEmail) {
    String prefix = "pt" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
    Invitation invitation = invitations.create(new NewInvitation("Northwind Traders", prefix, null, adminEmail, null,
        null, "en-US", "en", true, null, null, "operator"));
    invitations.claimAnswer(invitation.id(),
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, adminName, adminEmail, null, true));
    Invitation accepted = invitations.find(invitation.id()).orElseThrow();
    AgreementAttestation attestation = new AgreementAttestation(agreement.type(), agreement.templateId(),
        LocalDate.now(), accepted.acceptingAdmin().firstName(), accepted.acceptingAdmin().lastName(), adminEmail, null,
        adminEmail, Instant.now());
    return inTransaction.execute(status -> acceptedInvitations.establishReseller(accepted, adminEmail, attestation));
  }

  /** The page from the element with this id up to the end of its table, list or entry, for assertions on one part. */
  private static String section(HttpResponse<String> page, String id) {
    String end = switch (id) {
      case "history", "agreements", "subscriptions" -> "</table>";
      case "account", "relationship" -> "</dl>";
      case "address", "origin" -> "</dd>";
      default -> "</section>";
    };
    String body = page.body();
    int start = body.indexOf("id=\"" + id + "\"");
    assertThat(start).as("element #" + id).isNotNegative();
    return body.substring(start, body.indexOf(end, start));
  }

  /** People read words: no stored codes, internal counters or agreement keys. */
  private static void assertNoStoredCodes(HttpResponse<String> page) {
    assertThat(page.body()).doesNotContain(">RESELLER<", ">NONE<", ">ACTIVE<", ">SUSPENDED<", ">COMPLETED<",
        "INVITATION", "ONBOARDING", "EXISTING_TENANT", "MicrosoftCustomerAgreement", "Version", "DAP");
  }

  /** A customer in the US with valid account info and a primary contact; returns its id. */
  private String usCustomer(Relationship relationship) {
    String id = UUID.randomUUID().toString();
    String prefix = "pt" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
    jdbc.sql("""
        insert into customer (id, company_name, company_name_key, domain_prefix, address_line1, city, state,
          postal_code, country, culture, language, relationship, admin_user_name, created_by, created_at, version)
        values (?, 'Hopper Analytics Inc', 'hopper analytics inc', ?, '1 Microsoft Way', 'Redmond', 'WA', '98052', 'US', 'en-US', 'en', ?,
          ?, 'test', ?, 0)""")
        .params(id, prefix, relationship.name(), "admin@" + prefix + ".onmicrosoft.com", Timestamp.from(Instant.now()))
        .update();
    jdbc.sql("""
        insert into contact (customer_id, role, first_name, last_name, email, phone)
        values (?, 'PRIMARY', 'Grace', 'Hopper', 'grace@hopper.example', '+1 425 555 0100')""")
        .param(id).update();
    return id;
  }

  private static Map<String, String> validEdit(String id, int version) {
    Map<String, String> fields = new LinkedHashMap<>();
    fields.put("companyName", "Edited Company LLC");
    fields.put("addressLine1", "400 Broad Street");
    fields.put("addressLine2", "");
    fields.put("city", "Seattle");
    fields.put("state", "WA");
    fields.put("postalCode", "98109");
    fields.put("country", "US");
    fields.put("culture", "en-US");
    fields.put("language", "en");
    fields.put("registrationNumber", "");
    fields.put("contactFirstName", "Grace");
    fields.put("contactLastName", "Hopper");
    fields.put("contactEmail", "grace@edited.example");
    fields.put("contactPhone", "+1 206 555 0100");
    fields.put("version", Integer.toString(version));
    return fields;
  }

  private static Map<String, String> withCsrf(HttpResponse<String> page, Map<String, String> fields) {
    Map<String, String> all = new LinkedHashMap<>(fields);
    all.put("_csrf", csrfOf(page));
    return all;
  }

  private static String csrfOf(HttpResponse<String> page) {
    Matcher m = CSRF.matcher(page.body());
    assertThat(m.find()).as("a CSRF token in the page").isTrue();
    return m.group(1);
  }

  private static String flashOf(HttpResponse<String> page) {
    Matcher m = Pattern.compile("<div class=\"flash[^\"]*\"[^>]*>([^<]*)</div>").matcher(page.body());
    return m.find() ? m.group(1) : "(no message)";
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** One user's browser: HTTP Basic on every request, a cookie jar for the session, no redirects followed. */
  private final class Client {
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    Client(String user, String password) {
      this.authorization = user == null ? null
          : "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    HttpResponse<String> get(String path) {
      return send(request(path).GET());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
      String body = form.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
          .collect(Collectors.joining("&"));
      return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private HttpRequest.Builder request(String path) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
          .timeout(Duration.ofSeconds(30));
      return authorization == null ? builder : builder.header("Authorization", authorization);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
