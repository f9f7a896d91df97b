package io.partnerflow.e2e;

import static io.partnerflow.onboarding.OnboardingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.catalog.OrderLineInput;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.process.ProcessVariable;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A whole onboarding as an operator works it in Tasklist, but through the REST API Tasklist itself
 * calls: start form, each task's form submit, the real job executor for provisioning and mail, and
 * the welcome mail read back over IMAP from the in-process mail server.
 */
final class OnboardingEndToEndScenario {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration ASYNC_TIMEOUT = Duration.ofSeconds(60);

  private final HttpClient http = HttpClient.newHttpClient();
  private final String baseUrl;
  private final String operatorAuth;
  private final JdbcClient jdbc;
  private final EmbeddedMailServer mailServer;

  OnboardingEndToEndScenario(int port, String operatorPassword, JdbcClient jdbc, EmbeddedMailServer mailServer) {
    this.baseUrl = "http://localhost:" + port + "/engine-rest";
    this.operatorAuth = "Basic " + Base64.getEncoder()
        .encodeToString(("operator:" + operatorPassword).getBytes(StandardCharsets.UTF_8));
    this.jdbc = jdbc;
    this.mailServer = mailServer;
  }

  void runWholeOnboarding() throws Exception {
    String prefix = "contosoiberia" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    String contactEmail = "lucia." + prefix + "@contoso-iberia.example";

    JsonNode startForm = get("/process-definition/key/" + PROCESS_KEY + "/startForm");
    assertThat(startForm.at("/camundaFormRef/key").asText()).isEqualTo("form-account-info");
    assertThat(startForm.at("/camundaFormRef/binding").asText()).isEqualTo("deployment");

    ObjectNode account = variables(Map.of(
        COMPANY_NAME, "Contoso Iberia S.L.", DOMAIN_PREFIX, prefix, ADDRESS_LINE1, "Calle Mayor 1",
        CITY, "Madrid", POSTAL_CODE, "28013", COUNTRY, "ES", CULTURE, "es-ES", LANGUAGE, "es"));
    account.setAll(variables(Map.of(CONTACT_FIRST_NAME, "Lucía", CONTACT_LAST_NAME, "García",
        CONTACT_EMAIL, contactEmail, CONTACT_PHONE, "+34 600 123 456")));
    String processInstanceId = post("/process-definition/key/" + PROCESS_KEY + "/submit-form",
        wrap(account)).get("id").asText();

    // The agreement form comes prefilled with the primary contact as signer
    JsonNode agreementTask = waitForTask(processInstanceId, Ids.CONFIRM_CUSTOMER_AGREEMENT);
    JsonNode formVariables = get("/task/" + agreementTask.get("id").asText() + "/form-variables?deserializeValues=false");
    assertThat(formVariables.at("/signerEmail/value").asText()).isEqualTo(contactEmail);
    ObjectNode agreement = variables(Map.of(AGREEMENT_DECISION, Decisions.AGREEMENT_CONFIRM,
        AGREEMENT_DATE_ACCEPTED, "2026-01-15"));
    agreement.set(AGREEMENT_ACCEPTED.name(), typed(AGREEMENT_ACCEPTED, true));
    submit(agreementTask, agreement);

    JsonNode resellerTask = waitForTask(processInstanceId, Ids.SELECT_RESELLER);
    JsonNode options = jsonValue(get("/task/" + resellerTask.get("id").asText() + "/form-variables?deserializeValues=false")
        .at("/resellerOptions/value"));
    assertThat(options.findValuesAsText("label")).anyMatch(label -> label.startsWith("Adatum IT Services"));
    submit(resellerTask, variables(Map.of(RESELLER_ID, "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f01")));

    ObjectNode order = JSON.createObjectNode();
    order.set(ORDER_LINES.name(), typed(ORDER_LINES,
        List.of(new OrderLineInput("O365-E3", 25), new OrderLineInput("TEAMS-PHONE-STANDARD", 10))));
    submit(waitForTask(processInstanceId, Ids.SELECT_SUBSCRIPTIONS), order);

    submit(waitForTask(processInstanceId, Ids.REVIEW), variables(Map.of(REVIEW_DECISION, Decisions.REVIEW_SUBMIT)));

    // Provisioning and the welcome mail run in the job executor; the operator then sees the password once
    JsonNode handOver = waitForTask(processInstanceId, Ids.HAND_OVER_CREDENTIALS);
    String handOverForm = "/task/" + handOver.get("id").asText() + "/form-variables?deserializeValues=false";
    assertThat(get(handOverForm).has("temporaryAdminPassword")).as("shown only to the task's assignee").isFalse();
    claim(handOver);
    JsonNode handOverVariables = get("/task/" + handOver.get("id").asText() + "/form-variables?deserializeValues=false");
    assertThat(handOverVariables.at("/adminUserName/value").asText()).isEqualTo("admin@" + prefix + ".onmicrosoft.com");
    String password = handOverVariables.at("/temporaryAdminPassword/value").asText();
    assertThat(password).hasSize(16);
    ObjectNode handedOver = JSON.createObjectNode();
    handedOver.set(CREDENTIALS_HANDED_OVER.name(), typed(CREDENTIALS_HANDED_OVER, true));
    submit(handOver, handedOver);

    JsonNode history = get("/history/process-instance/" + processInstanceId);
    assertThat(history.get("state").asText()).isEqualTo("COMPLETED");
    JsonNode endEvents = get("/history/activity-instance?processInstanceId=" + processInstanceId
        + "&activityType=noneEndEvent");
    assertThat(endEvents.findValuesAsText("activityId")).containsExactly(Ids.END_CUSTOMER_ONBOARDED);

    assertRegistry(prefix, contactEmail, processInstanceId);
    assertWelcomeMail(contactEmail, prefix, password);
  }

  private void assertRegistry(String prefix, String contactEmail, String processInstanceId) {
    Map<String, Object> customer = jdbc.sql("select * from customer where domain_prefix = ?").param(prefix)
        .query().singleRow();
    String customerId = (String) customer.get("id");
    assertThat(customer.get("company_name")).isEqualTo("Contoso Iberia S.L.");
    assertThat(customer.get("relationship")).isEqualTo("RESELLER");
    assertThat(customer.get("reseller_id")).isEqualTo("c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f01");
    assertThat(customer.get("onboarding_process_instance_id")).isEqualTo(processInstanceId);
    assertThat(customer.get("created_by")).isEqualTo("operator");

    assertThat(jdbc.sql("select email from contact where customer_id = ? and role = 'PRIMARY'").param(customerId)
        .query(String.class).list()).containsExactly(contactEmail);
    Map<String, Object> attestation = jdbc.sql("select * from agreement_attestation where customer_id = ?")
        .param(customerId).query().singleRow();
    assertThat(attestation.get("signer_email")).isEqualTo(contactEmail);
    assertThat(attestation.get("attested_by")).isEqualTo("operator");
    assertThat(attestation.get("date_accepted").toString()).isEqualTo("2026-01-15");
    assertThat(attestation.get("agreement_type")).isEqualTo("MicrosoftCustomerAgreement");

    List<Map<String, Object>> subscriptions = jdbc.sql(
        "select offer_id, quantity, status, reseller_partner_id from subscription where customer_id = ? order by line_number")
        .param(customerId).query().listOfRows();
    assertThat(subscriptions).extracting(row -> row.get("offer_id"), row -> ((Number) row.get("quantity")).intValue(),
            row -> row.get("status"), row -> row.get("reseller_partner_id"))
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("O365-E3", 25, "ACTIVE", "5100231"),
            org.assertj.core.groups.Tuple.tuple("TEAMS-PHONE-STANDARD", 10, "ACTIVE", "5100231"));
  }

  private void assertWelcomeMail(String contactEmail, String prefix, String password) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.imap.host", mailServer.host());
    properties.put("mail.imap.port", String.valueOf(mailServer.imapPort()));
    Store store = Session.getInstance(properties).getStore("imap");
    store.connect(contactEmail, "any-password");
    try {
      Folder inbox = store.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      Message[] messages = inbox.getMessages();
      assertThat(messages).hasSize(1);
      MimeMessage mail = (MimeMessage) messages[0];
      assertThat(mail.getSubject()).isEqualTo("Su cuenta en la nube de Microsoft para Contoso Iberia S.L. está lista");
      String body = text(mail.getContent());
      assertThat(body).contains("Hola, Lucía García")
          .contains("admin@" + prefix + ".onmicrosoft.com")
          .contains("Office 365 E3").contains("Teams Phone Standard")
          .contains("nunca enviamos contraseñas por correo electrónico")
          .doesNotContain(password);
      inbox.close(false);
    } finally {
      store.close();
    }
  }

  /** A Json variable's value: REST returns it as JSON text or as the JSON itself. */
  private static JsonNode jsonValue(JsonNode value) throws IOException {
    return value.isTextual() ? JSON.readTree(value.asText()) : value;
  }

  private static String text(Object content) throws Exception {
    if (content instanceof MimeMultipart multipart) {
      StringBuilder all = new StringBuilder();
      for (int i = 0; i < multipart.getCount(); i++) {
        all.append(text(multipart.getBodyPart(i).getContent())).append('\n');
      }
      return all.toString();
    }
    return String.valueOf(content);
  }

  private JsonNode waitForTask(String processInstanceId, String taskDefinitionKey) throws Exception {
    Instant deadline = Instant.now().plus(ASYNC_TIMEOUT);
    while (Instant.now().isBefore(deadline)) {
      JsonNode tasks = get("/task?processInstanceId=" + processInstanceId + "&taskDefinitionKey=" + taskDefinitionKey);
      if (tasks.size() == 1) {
        return tasks.get(0);
      }
      JsonNode incidents = get("/incident?processInstanceId=" + processInstanceId);
      assertThat(incidents).as("incidents of %s", processInstanceId).isEmpty();
      Thread.sleep(100);
    }
    throw new AssertionError("No task " + taskDefinitionKey + " within " + ASYNC_TIMEOUT + "; tasks now: "
        + get("/task?processInstanceId=" + processInstanceId));
  }

  private void claim(JsonNode task) throws Exception {
    HttpResponse<String> claimed = send(HttpRequest.newBuilder(uri("/task/" + task.get("id").asText() + "/claim"))
        .POST(HttpRequest.BodyPublishers.ofString("{\"userId\":\"operator\"}")));
    assertThat(claimed.statusCode()).as("claim %s: %s", task.get("taskDefinitionKey"), claimed.body()).isEqualTo(204);
  }

  /** As Tasklist does it: claim, then submit the form. */
  private void submit(JsonNode task, ObjectNode variables) throws Exception {
    if (task.get("assignee").isNull()) {
      claim(task);
    }
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/task/" + task.get("id").asText() + "/submit-form"))
        .POST(HttpRequest.BodyPublishers.ofString(wrap(variables).toString())));
    assertThat(response.statusCode()).as("submit %s: %s", task.get("taskDefinitionKey"), response.body()).isEqualTo(204);
  }

  private JsonNode get(String path) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).GET());
    assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private JsonNode post(String path, JsonNode body) throws Exception {
    HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path))
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
    assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(200);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    return http.send(request.header("Authorization", operatorAuth).header("Content-Type", "application/json").build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private static ObjectNode wrap(ObjectNode variables) {
    ObjectNode body = JSON.createObjectNode();
    body.set("variables", variables);
    return body;
  }

  private static ObjectNode variables(Map<ProcessVariable<String>, String> values) {
    ObjectNode node = JSON.createObjectNode();
    values.forEach((variable, value) -> node.set(variable.name(), typed(variable, value)));
    return node;
  }

  /** A variable as Tasklist sends it: JSON values with type "Json", the rest as plain values. */
  private static <T> ObjectNode typed(ProcessVariable<T> variable, T value) {
    TypedValue typed = variable.typed(value);
    ObjectNode node = JSON.createObjectNode();
    if (typed instanceof org.camunda.spin.plugin.variable.value.JsonValue json) {
      node.put("type", "Json");
      node.put("value", json.getValueSerialized());
    } else {
      node.putPOJO("value", value);
    }
    return node;
  }

}
