package io.partnerflow.customerpages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.customer.Relationship;
import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.relationship.EndRelationshipProcess;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
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
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Starting twice at the same moment (a double click, two tabs, two operators) over real HTTP, two
 * threads released together by a barrier: one instance, one mail, and the other request is told
 * it runs already (with a link), never a 500. The job executor runs, so the mail really goes out.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000"})
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DoubleStartTest {

  private static final Duration MAIL_TIMEOUT = Duration.ofSeconds(30);
  /** How long a second mail would have had to arrive after the first (the job executor polls every second at most). */
  private static final Duration QUIET = Duration.ofSeconds(4);
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");
  private static final Pattern FLASH = Pattern.compile("<div class=\"flash[^\"]*\"[^>]*>(.*?)</div>", Pattern.DOTALL);

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired RuntimeService runtimeService;
  @Autowired EmbeddedMailServer mailServer;

  private ExecutorService threads;

  /** The operator's password in this context (the postgres profile refuses the demo one). */
  protected String operatorPassword() {
    return "operator";
  }

  @BeforeEach
  void threads() {
    threads = Executors.newFixedThreadPool(2);
  }

  @AfterEach
  void stopThreads() {
    threads.shutdownNow();
  }

  @Test
  void twoInvitesAtOnceFromTheCustomerPageStartOneInvitationAndSendOneMail() throws Exception {
    String adminEmail = "grace-" + UUID.randomUUID() + "@hopper.example";
    String id = customer(Relationship.NONE, adminEmail);
    // two tabs of two sessions (each with its own CSRF token), submitting at the same moment
    Browser first = new Browser("operator", operatorPassword()).open("/customers/" + id);
    Browser second = new Browser("operator", operatorPassword()).open("/customers/" + id);

    List<HttpResponse<String>> answers = atOnce(
        () -> first.post("/customers/" + id + "/invite", Map.of()),
        () -> second.post("/customers/" + id + "/invite", Map.of()));

    assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(302));
    List<String> running = runtimeService.createProcessInstanceQuery()
        .processDefinitionKey(InvitationProcess.PROCESS_KEY)
        .variableValueEquals(InvitationProcess.CUSTOMER_ID.name(), id).list().stream()
        .map(p -> p.getId()).toList();
    assertThat(running).hasSize(1);
    List<String> flashes = List.of(first.flash(id), second.flash(id));
    assertThat(flashes).anySatisfy(f -> assertThat(f).contains("Invite to connect started"));
    assertThat(flashes).anySatisfy(f -> assertThat(f).contains("is already open")
        .contains("/camunda/app/cockpit/default/#/process-instance/" + running.get(0) + "/runtime"));

    assertThat(awaitMailsTo(adminEmail)).hasSize(1);
  }

  @Test
  void twoEndsAtOnceFromTheCustomerPageStartOneAndTasklistsStartFormIsRefusedWhileItRuns() throws Exception {
    String id = customer(Relationship.RESELLER, "grace-" + UUID.randomUUID() + "@hopper.example");
    // an active subscription: the instance waits at "Confirm suspension"
    jdbc.sql("""
        insert into subscription (id, customer_id, line_number, offer_id, quantity, status, provisioned_at)
        values (?, ?, 0, 'O365-E3', 10, 'ACTIVE', ?)""")
        .params("sub-" + id, id, Timestamp.from(Instant.now())).update();
    Browser first = new Browser("operator", operatorPassword()).open("/customers/" + id);
    Browser second = new Browser("operator", operatorPassword()).open("/customers/" + id);

    List<HttpResponse<String>> answers = atOnce(
        () -> first.post("/customers/" + id + "/end-relationship", Map.of("reason", "first tab")),
        () -> second.post("/customers/" + id + "/end-relationship", Map.of("reason", "second tab")));

    assertThat(answers).allSatisfy(a -> assertThat(a.statusCode()).as(a.body()).isEqualTo(302));
    List<String> running = runningEnds(id);
    assertThat(running).hasSize(1);
    List<String> flashes = List.of(first.flash(id), second.flash(id));
    assertThat(flashes).anySatisfy(f -> assertThat(f).contains("End relationship started"));
    assertThat(flashes).anySatisfy(f -> assertThat(f).contains("is already in progress")
        .contains("/camunda/app/cockpit/default/#/process-instance/" + running.get(0) + "/runtime"));

    // Tasklist's start form (what Tasklist posts) for the same customer: a 400 that says why, nothing started
    HttpResponse<String> startForm = first.postJson("/engine-rest/process-definition/key/"
        + EndRelationshipProcess.PROCESS_KEY + "/submit-form",
        "{\"variables\":{\"customerId\":{\"value\":\"" + id + "\",\"type\":\"String\"}}}");
    assertThat(startForm.statusCode()).as(startForm.body()).isEqualTo(400);
    assertThat(startForm.body()).contains("is already in progress", running.get(0));
    assertThat(runningEnds(id)).isEqualTo(running);
  }

  @Test
  void theApisInvitationWithOneIdempotencyKeyTwiceAtOnceStartsOneAndSendsOneMail() throws Exception {
    String prefix = "dbl" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
    String adminEmail = "admin@" + prefix + ".example";
    String body = new ObjectMapper().createObjectNode().put("companyName", "Tailspin Toys").put("domainPrefix", prefix)
        .put("adminEmail", adminEmail).put("adminFirstName", "Kim").put("adminLastName", "Abercrombie")
        .put("culture", "en-US").put("language", "en").toString();
    Browser client = new Browser("operator", operatorPassword());

    List<HttpResponse<String>> answers = atOnce(
        () -> client.postApi("/api/invitations", "double-" + prefix, body),
        () -> client.postApi("/api/invitations", "double-" + prefix, body));

    assertThat(answers).extracting(HttpResponse::statusCode).containsExactlyInAnyOrder(201, 200);
    assertThat(runtimeService.createProcessInstanceQuery().processDefinitionKey(InvitationProcess.PROCESS_KEY)
        .variableValueEquals(InvitationProcess.DOMAIN_PREFIX.name(), prefix).count()).isEqualTo(1);
    assertThat(awaitMailsTo(adminEmail)).hasSize(1);
  }

  // --- helpers

  private List<String> runningEnds(String customerId) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(EndRelationshipProcess.PROCESS_KEY)
        .variableValueEquals(EndRelationshipProcess.CUSTOMER_ID.name(), customerId).list().stream()
        .map(p -> p.getId()).toList();
  }

  /** Runs both calls in two threads released together; their answers. */
  @SafeVarargs
  private List<HttpResponse<String>> atOnce(Callable<HttpResponse<String>>... calls) throws Exception {
    CyclicBarrier barrier = new CyclicBarrier(calls.length);
    List<Future<HttpResponse<String>>> futures = new ArrayList<>();
    for (Callable<HttpResponse<String>> call : calls) {
      futures.add(threads.submit(() -> {
        barrier.await();
        return call.call();
      }));
    }
    List<HttpResponse<String>> answers = new ArrayList<>();
    for (Future<HttpResponse<String>> future : futures) {
      answers.add(future.get());
    }
    return answers;
  }

  /** Waits for the first mail to the address, then long enough for a second one; all mails to it. */
  private List<MimeMessage> awaitMailsTo(String address) throws Exception {
    Instant deadline = Instant.now().plus(MAIL_TIMEOUT);
    while (mailsTo(address).isEmpty() && Instant.now().isBefore(deadline)) {
      Thread.sleep(100);
    }
    Thread.sleep(QUIET.toMillis());
    return mailsTo(address);
  }

  private List<MimeMessage> mailsTo(String address) throws Exception {
    List<MimeMessage> found = new ArrayList<>();
    for (MimeMessage mail : mailServer.receivedMessages()) {
      if (address.equals(((InternetAddress) mail.getAllRecipients()[0]).getAddress())) {
        found.add(mail);
      }
    }
    return found;
  }

  /** A US customer with a primary contact at {@code email}; returns its id. */
  private String customer(Relationship relationship, String email) {
    String id = UUID.randomUUID().toString();
    String prefix = "ds" + Long.toString(System.nanoTime(), 36).toLowerCase(Locale.ROOT);
    jdbc.sql("""
        insert into customer (id, company_name, company_name_key, domain_prefix, address_line1, city, state,
          postal_code, country, culture, language, relationship, admin_user_name, created_by, created_at, version)
        values (?, 'Hopper Analytics Inc', 'hopper analytics inc', ?, '1 Microsoft Way', 'Redmond', 'WA', '98052',
          'US', 'en-US', 'en', ?, ?, 'test', ?, 0)""")
        .params(id, prefix, relationship.name(), "admin@" + prefix + ".onmicrosoft.com", Timestamp.from(Instant.now()))
        .update();
    jdbc.sql("""
        insert into contact (customer_id, role, first_name, last_name, email, phone)
        values (?, 'PRIMARY', 'Grace', 'Hopper', ?, '+1 425 555 0100')""")
        .params(id, email).update();
    return id;
  }

  /** One browser session of a user (HTTP Basic, cookies, no redirects followed). */
  private final class Browser {
    private final String authorization;
    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();

    Browser(String user, String password) {
      authorization = "Basic " + Base64.getEncoder()
          .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private Map<String, String> pageFields = Map.of();

    /** Opens a page (before the race), keeping what its forms carry against CSRF for the next posts. */
    Browser open(String pagePath) {
      pageFields = csrf(pagePath);
      return this;
    }

    /** A form post from the page opened last. */
    HttpResponse<String> post(String path, Map<String, String> fields) {
      Map<String, String> all = new LinkedHashMap<>(fields);
      all.putAll(pageFields);
      String body = all.entrySet().stream()
          .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
              + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
          .collect(Collectors.joining("&"));
      return send(request(path).header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * The only place this test knows the CSRF mechanism: today a hidden field {@code _csrf} in the
     * page, bound to the session.
     */
    private Map<String, String> csrf(String pagePath) {
      Matcher m = CSRF.matcher(send(request(pagePath).GET()).body());
      assertThat(m.find()).as("a CSRF token in " + pagePath).isTrue();
      return Map.of("_csrf", m.group(1));
    }

    HttpResponse<String> postJson(String path, String json) {
      return send(request(path).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> postApi(String path, String idempotencyKey, String json) {
      return send(request(path).header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
          .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    /** The customer page's message after a redirect (read once, as the browser shows it). */
    String flash(String customerId) {
      Matcher m = FLASH.matcher(send(request("/customers/" + customerId).GET()).body());
      return m.find() ? m.group(1) : "(no message)";
    }

    private HttpRequest.Builder request(String path) {
      return HttpRequest.newBuilder(URI.create("http://localhost:" + port + path)).timeout(Duration.ofSeconds(30))
          .header("Authorization", authorization);
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
