package io.partnerflow.e2e;

import static io.partnerflow.invitation.InvitationProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.invitation.InvitationProcess.Ids;
import io.partnerflow.invitation.ReplyPoller;
import io.partnerflow.mail.EmbeddedMailServer;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Invitations to connect with real mail both ways: the operator starts them through REST, the
 * invitation arrives over SMTP, the customer answers on the public page (a plain HTTP client with a
 * session, as a browser would) or by replying to the mail, which the poller reads over IMAP.
 */
// Each context registers engine "default" with the process application: one context at a time
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000"})
class InvitationEndToEndTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration TIMEOUT = Duration.ofSeconds(60);
  private static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/invitation/([A-Za-z0-9_-]{43})");
  private static final String OPERATOR = "Basic " + Base64.getEncoder()
      .encodeToString("operator:operator".getBytes(StandardCharsets.UTF_8));

  @LocalServerPort int port;
  @Autowired EmbeddedMailServer mailServer;
  @Autowired ReplyPoller replyPoller;
  @Autowired JdbcClient jdbc;

  private final HttpClient http = HttpClient.newHttpClient();

  @ParameterizedTest(name = "{0}")
  @CsvSource({
      "en-US, en, en, Northwind Cloud Partners",
      "es-ES, es, es, Northwind Cloud Partners",
      "pt-BR, pt, pt-BR, Northwind Cloud Partners",
      "ru-RU, ru, ru, Northwind Cloud Partners",
      "it-IT, it, it, Northwind Cloud Partners"})
  void invitationArrivesInTheCustomersLanguageWithALinkThatOpensThePageInThatLanguage(String culture,
      String language, String pageLanguage, String partnerName) throws Exception {
    Invited invited = startInvitation(culture, language, false);

    MimeMessage mail = awaitMail(invited.adminEmail());
    String token = linkToken(mail);
    HttpResponse<String> page = get("/invitation/" + token, null);

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<html lang=\"" + pageLanguage + "\"").contains(partnerName)
        .contains(invited.company()).contains("name=\"adminName\"");
  }

  @Test
  void adminAcceptsOnThePageTheRelationshipIsRecordedAndASecondClickIsAlreadyAnswered() throws Exception {
    Invited invited = startInvitation("es-ES", "es", true);
    String token = linkToken(awaitMail(invited.adminEmail()));

    HttpResponse<String> page = get("/invitation/" + token, null);
    String session = sessionCookie(page);
    String csrf = hiddenValue(page.body(), "_csrf");
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", csrf);
    form.put("adminName", "Lucía García");
    form.put("globalAdmin", "true");
    form.put("agreementAccepted", "true");
    form.put("action", "accept");
    // The page's security headers (Spring Security's) and its CSRF token, over real HTTP
    assertThat(page.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).contains("default-src 'none'", "frame-ancestors 'none'"));
    assertThat(page.headers().firstValue("Referrer-Policy")).hasValue("no-referrer");
    assertThat(page.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    Map<String, String> forged = new LinkedHashMap<>(form);
    forged.put("_csrf", "forged");
    HttpResponse<String> refused = post("/invitation/" + token, forged, session);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("<html lang=\"es\"", "Este formulario ha caducado");
    HttpResponse<String> accepted = post("/invitation/" + token, form, session);

    assertThat(accepted.statusCode()).isEqualTo(200);
    assertThat(accepted.body()).contains("Northwind Cloud Partners");
    awaitEndEvent(invited.processInstanceId(), Ids.END_RELATIONSHIP_ESTABLISHED);
    Map<String, Object> customer = jdbc.sql("select * from customer where domain_prefix = ?")
        .param(invited.domainPrefix()).query().singleRow();
    assertThat(customer.get("relationship")).isEqualTo("RESELLER");
    assertThat(customer.get("delegated_admin")).isEqualTo(true);
    assertThat(jdbc.sql("select actor from relationship_event where customer_id = ?").param(customer.get("id"))
        .query(String.class).list()).containsExactly(invited.adminEmail());
    assertThat(jdbc.sql("select signer_email from agreement_attestation where customer_id = ?")
        .param(customer.get("id")).query(String.class).list()).containsExactly(invited.adminEmail());
    MimeMessage notice = awaitMail("operations@northwind-partners.example", invited.company());
    assertThat(text(notice)).contains(invited.domainPrefix() + ".onmicrosoft.com").contains("Lucía García");

    HttpResponse<String> again = post("/invitation/" + token, form, session);
    assertThat(again.statusCode()).isEqualTo(409);
    assertThat(get("/invitation/" + token, null).statusCode()).isEqualTo(409);
    assertThat(jdbc.sql("select count(*) from relationship_event where customer_id = ?").param(customer.get("id"))
        .query(Integer.class).single()).isEqualTo(1);
  }

  @Test
  void replyingAceptoAcceptsAndAnUnreadableReplyBecomesAnOperatorTask() throws Exception {
    Invited accepting = startInvitation("es-ES", "es", false);
    Invited unsure = startInvitation("es-ES", "es", false);
    MimeMessage acceptingMail = awaitMail(accepting.adminEmail());
    MimeMessage unsureMail = awaitMail(unsure.adminEmail());

    reply(acceptingMail, accepting.adminEmail(), "ACEPTO\n\nSaludos,\nLucía\n\n> " + acceptingMail.getSubject());
    reply(unsureMail, unsure.adminEmail(), "Tal vez el mes que viene, tengo que consultarlo.");
    awaitReceived("invitations@northwind-partners.example", 2);
    assertThat(replyPoller.pollOnce()).isEqualTo(2);
    assertThat(replyPoller.pollOnce()).as("a handled mail is never handled twice").isZero();

    awaitEndEvent(accepting.processInstanceId(), Ids.END_RELATIONSHIP_ESTABLISHED);
    assertThat(jdbc.sql("select answer_channel from invitation where process_instance_id = ?")
        .param(accepting.processInstanceId()).query(String.class).single()).isEqualTo("EMAIL");
    assertThat(jdbc.sql("select relationship from customer where domain_prefix = ?").param(accepting.domainPrefix())
        .query(String.class).single()).isEqualTo("RESELLER");

    JsonNode triageTasks = getJson("/engine-rest/task?taskDefinitionKey=" + Ids.READ_REPLY);
    JsonNode triage = null;
    for (JsonNode task : triageTasks) {
      JsonNode variables = getJson("/engine-rest/task/" + task.get("id").asText() + "/form-variables");
      if (unsure.adminEmail().equals(variables.at("/replyFrom/value").asText())) {
        triage = variables;
      }
    }
    assertThat(triage).as("a Read invitation reply task for the unreadable reply").isNotNull();
    assertThat(triage.at("/replyProblem/value").asText()).isEqualTo(PROBLEM_UNREADABLE);
    assertThat(triage.at("/replyText/value").asText()).contains("Tal vez el mes que viene");
    assertThat(jdbc.sql("select status from invitation where process_instance_id = ?")
        .param(unsure.processInstanceId()).query(String.class).single()).isEqualTo("PENDING");
  }

  private record Invited(String processInstanceId, String company, String domainPrefix, String adminEmail) {}

  private Invited startInvitation(String culture, String language, boolean delegatedAdmin) throws Exception {
    String prefix = "inv" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    String company = "Contoso " + prefix + " S.A.";
    String adminEmail = "admin@" + prefix + ".example";
    ObjectNode variables = JSON.createObjectNode();
    put(variables, COMPANY_NAME.name(), company);
    put(variables, DOMAIN_PREFIX.name(), prefix);
    put(variables, ADMIN_EMAIL.name(), adminEmail);
    put(variables, ADMIN_FIRST_NAME.name(), "Lucía");
    put(variables, ADMIN_LAST_NAME.name(), "García");
    put(variables, CULTURE.name(), culture);
    put(variables, LANGUAGE.name(), language);
    put(variables, PERSONAL_MESSAGE.name(), "Hola, nos gustaría ser su revendedor.");
    variables.set(INCLUDE_DELEGATED_ADMIN.name(), JSON.createObjectNode().put("value", delegatedAdmin));
    ObjectNode body = JSON.createObjectNode();
    body.set("variables", variables);
    HttpResponse<String> started = http.send(HttpRequest.newBuilder(uri("/engine-rest/process-definition/key/"
            + PROCESS_KEY + "/submit-form"))
        .header("Authorization", OPERATOR).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    Invited invited = new Invited(JSON.readTree(started.body()).get("id").asText(), company, prefix, adminEmail);
    // The mail leaves inside the send job's transaction: wait for its commit before the customer clicks
    awaitWaitingAt(invited.processInstanceId(), Ids.AWAIT_ANSWER);
    return invited;
  }

  private void awaitWaitingAt(String processInstanceId, String activityId) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      JsonNode waiting = getJson("/engine-rest/history/activity-instance?processInstanceId=" + processInstanceId
          + "&activityId=" + activityId + "&unfinished=true");
      if (waiting.size() == 1) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError(processInstanceId + " is not waiting at " + activityId + " after " + TIMEOUT);
  }

  private static void put(ObjectNode variables, String name, String value) {
    variables.set(name, JSON.createObjectNode().put("value", value));
  }

  private void reply(MimeMessage original, String from, String text) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.smtp.host", mailServer.host());
    properties.put("mail.smtp.port", String.valueOf(mailServer.smtpPort()));
    MimeMessage reply = new MimeMessage(Session.getInstance(properties));
    reply.setFrom(new InternetAddress(from));
    reply.setRecipients(Message.RecipientType.TO, original.getReplyTo());
    reply.setSubject("RE: " + original.getSubject(), "UTF-8");
    reply.setHeader("In-Reply-To", original.getMessageID());
    reply.setText(text, "UTF-8");
    Transport.send(reply);
  }

  private MimeMessage awaitMail(String recipient) throws Exception {
    return awaitMail(recipient, "");
  }

  private MimeMessage awaitMail(String recipient, String subjectPart) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      Optional<MimeMessage> found = Optional.empty();
      for (MimeMessage mail : mailServer.receivedMessages()) {
        if (recipient.equals(((InternetAddress) mail.getAllRecipients()[0]).getAddress())
            && mail.getSubject().contains(subjectPart)) {
          found = Optional.of(mail);
        }
      }
      if (found.isPresent()) {
        return found.get();
      }
      Thread.sleep(100);
    }
    throw new AssertionError("no mail to " + recipient + " within " + TIMEOUT);
  }

  private void awaitReceived(String recipient, int count) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (mailServer.receivedMessages().stream().filter(mail -> {
      try {
        return recipient.equals(((InternetAddress) mail.getAllRecipients()[0]).getAddress());
      } catch (Exception e) {
        return false;
      }
    }).count() < count) {
      assertThat(Instant.now()).as("%d mails to %s", count, recipient).isBefore(deadline);
      Thread.sleep(100);
    }
  }

  private void awaitEndEvent(String processInstanceId, String endEventId) throws Exception {
    Instant deadline = Instant.now().plus(TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      JsonNode ended = getJson("/engine-rest/history/activity-instance?processInstanceId=" + processInstanceId
          + "&activityId=" + endEventId);
      if (ended.size() == 1) {
        return;
      }
      assertThat(getJson("/engine-rest/incident?processInstanceId=" + processInstanceId)).isEmpty();
      Thread.sleep(100);
    }
    throw new AssertionError(processInstanceId + " did not reach " + endEventId + " within " + TIMEOUT);
  }

  private static String linkToken(MimeMessage mail) throws Exception {
    Matcher link = LINK.matcher(text(mail));
    assertThat(link.find()).as("acceptance link in the mail").isTrue();
    return link.group(1);
  }

  private static String text(MimeMessage mail) throws Exception {
    Object content = mail.getContent();
    if (content instanceof MimeMultipart multipart) {
      StringBuilder text = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        text.append(multipart.getBodyPart(i).getContent()).append('\n');
      }
      return text.toString();
    }
    return String.valueOf(content);
  }

  private static String sessionCookie(HttpResponse<?> response) {
    return response.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID="))
        .map(cookie -> cookie.substring(0, cookie.indexOf(';')))
        .findFirst().orElseThrow(() -> new AssertionError("no session cookie"));
  }

  private static String hiddenValue(String html, String name) {
    Matcher input = Pattern.compile("<input[^>]*name=\"" + Pattern.quote(name) + "\"[^>]*value=\"([^\"]*)\"").matcher(html);
    assertThat(input.find()).as("hidden input %s", name).isTrue();
    return input.group(1);
  }

  private HttpResponse<String> get(String path, String cookie) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).GET();
    if (cookie != null) {
      request.header("Cookie", cookie);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, Map<String, String> form, String cookie) throws Exception {
    String body = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(uri(path)).header("Cookie", cookie)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private JsonNode getJson(String path) throws Exception {
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(path)).header("Authorization", OPERATOR)
        .GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private URI uri(String path) {
    return URI.create("http://localhost:" + port + path);
  }
}
