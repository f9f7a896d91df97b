package io.partnerflow.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * An operator (and, for repairs, the administrator) at one node's {@code /engine-rest}, making the
 * calls Tasklist and Cockpit make: start form submit, claim, form variables, task form submit, job
 * retries. The variables are what the forms send (as in e2e.OnboardingEndToEndScenario).
 */
final class Operator {

  static final String PROCESS_KEY = "customer-onboarding";
  static final String AGREEMENT = "Task_ConfirmCustomerAgreement";
  static final String RESELLER = "Task_SelectIndirectReseller";
  static final String SUBSCRIPTIONS = "Task_SelectSubscriptions";
  static final String REVIEW = "Task_Review";
  static final String HAND_OVER = "Task_HandOverAdminCredentials";
  static final String END_ONBOARDED = "EndEvent_CustomerOnboarded";
  private static final String ACTIVE_RESELLER = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f01";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String operatorAuth;
  private final String adminAuth;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Operator(String nodeUrl, Credentials credentials) {
    this.baseUrl = nodeUrl + "/engine-rest";
    this.operatorAuth = basic("operator", credentials.operator());
    this.adminAuth = basic("admin", credentials.admin());
  }

  record Credentials(String admin, String operator, String manager, String monitor) {}

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Submits the start form (account info, Spain); returns the process instance id. */
  String start(String domainPrefix) throws Exception {
    ObjectNode v = JSON.createObjectNode();
    put(v, "companyName", "Fault Suite " + domainPrefix + " S.L.");
    put(v, "domainPrefix", domainPrefix);
    put(v, "addressLine1", "Calle Mayor 1");
    put(v, "city", "Madrid");
    put(v, "postalCode", "28013");
    put(v, "country", "ES");
    put(v, "culture", "es-ES");
    put(v, "language", "es");
    put(v, "contactFirstName", "Lucía");
    put(v, "contactLastName", "García");
    put(v, "contactEmail", contactEmail(domainPrefix));
    put(v, "contactPhone", "+34 600 123 456");
    HttpResponse<String> response = send("POST", "/process-definition/key/" + PROCESS_KEY + "/submit-form",
        wrap(v), operatorAuth);
    require(response, 200, "start " + domainPrefix);
    return JSON.readTree(response.body()).get("id").asText();
  }

  static String contactEmail(String domainPrefix) {
    return "lucia@" + domainPrefix + ".example";
  }

  /** Agreement, reseller and one order line: the instance then waits at Review. */
  void toReview(String pi, Duration timeout) throws Exception {
    ObjectNode agreement = JSON.createObjectNode();
    put(agreement, "agreementDecision", "confirm");
    agreement.putObject("agreementAccepted").put("value", true);
    put(agreement, "agreementDateAccepted", "2026-01-15");
    complete(pi, AGREEMENT, agreement, timeout);
    ObjectNode reseller = JSON.createObjectNode();
    put(reseller, "resellerId", ACTIVE_RESELLER);
    complete(pi, RESELLER, reseller, timeout);
    ObjectNode order = JSON.createObjectNode();
    order.putObject("orderLines").put("type", "Json").put("value", "[{\"offerId\":\"O365-E3\",\"quantity\":25}]");
    complete(pi, SUBSCRIPTIONS, order, timeout);
    waitForTask(pi, REVIEW, timeout);
  }

  /** Review → Submit; returns the HTTP status (204 = acknowledged). */
  int submitReview(String pi, Duration timeout) throws Exception {
    ObjectNode review = JSON.createObjectNode();
    put(review, "reviewDecision", "submit");
    return complete(pi, REVIEW, review, timeout);
  }

  /** Claims the hand-over, opens its form (that creates the password) and confirms; returns the status. */
  int handOver(String pi, Duration timeout) throws Exception {
    JsonNode task = waitForTask(pi, HAND_OVER, timeout);
    claim(task);
    require(send("GET", "/task/" + task.get("id").asText() + "/form-variables?deserializeValues=false", null,
        operatorAuth), 200, "hand-over form");
    ObjectNode confirmed = JSON.createObjectNode();
    confirmed.putObject("credentialsHandedOver").put("value", true);
    return send("POST", "/task/" + task.get("id").asText() + "/submit-form", wrap(confirmed), operatorAuth)
        .statusCode();
  }

  int complete(String pi, String taskKey, ObjectNode variables, Duration timeout) throws Exception {
    JsonNode task = waitForTask(pi, taskKey, timeout);
    claim(task);
    HttpResponse<String> response = send("POST", "/task/" + task.get("id").asText() + "/submit-form",
        wrap(variables), operatorAuth);
    require(response, 204, "submit " + taskKey + " of " + pi);
    return response.statusCode();
  }

  /** The open task of this key, or null. */
  JsonNode openTask(String pi, String taskKey) throws Exception {
    JsonNode tasks = get("/task?processInstanceId=" + pi + "&taskDefinitionKey=" + taskKey, operatorAuth);
    return tasks.size() == 0 ? null : tasks.get(0);
  }

  JsonNode waitForTask(String pi, String taskKey, Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      JsonNode task = openTask(pi, taskKey);
      if (task != null) {
        return task;
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("no task " + taskKey + " of " + pi + " within " + timeout);
  }

  /** The instance's history entry, or null when the engine does not know it. */
  JsonNode history(String pi) throws Exception {
    JsonNode list = get("/history/process-instance?processInstanceId=" + pi, operatorAuth);
    return list.size() == 0 ? null : list.get(0);
  }

  /** A variable of the instance as the history holds it (its last value), or null. */
  String variable(String pi, String name) throws Exception {
    JsonNode list = get("/history/variable-instance?processInstanceId=" + pi + "&variableName=" + name, operatorAuth);
    return list.size() == 0 || list.get(0).path("value").isNull() ? null : list.get(0).path("value").asText();
  }

  /** Whether the engine's history holds a finished instance of this activity (the task was completed). */
  boolean completed(String pi, String activityId) throws Exception {
    return get("/history/activity-instance?processInstanceId=" + pi + "&activityId=" + activityId + "&finished=true",
        operatorAuth).size() > 0;
  }

  /** Whether the instance waits at this activity now (an unfinished instance of it in the history). */
  boolean waitingAt(String pi, String activityId) throws Exception {
    return get("/history/activity-instance?processInstanceId=" + pi + "&activityId=" + activityId + "&unfinished=true",
        operatorAuth).size() > 0;
  }

  /** Whether the instance has ended, in this end event. */
  boolean endedAt(String pi, String endEventId) throws Exception {
    JsonNode history = history(pi);
    return history != null && "COMPLETED".equals(history.path("state").asText()) && completed(pi, endEventId);
  }

  /**
   * Where the instance stands now: its activities and, for an async step whose job has not run,
   * the activity the job waits before (e.g. "Task_SendWelcomeEmail (job)").
   */
  String whereNow(String pi) throws Exception {
    HttpResponse<String> response = send("GET", "/process-instance/" + pi + "/activity-instances", null, operatorAuth);
    if (response.statusCode() == 404) {
      return "ended or unknown";
    }
    require(response, 200, "activity instances of " + pi);
    java.util.List<String> ids = new java.util.ArrayList<>();
    collect(JSON.readTree(response.body()), ids);
    return ids.isEmpty() ? "nowhere" : String.join(" + ", ids);
  }

  private static void collect(JsonNode activity, java.util.List<String> ids) {
    activity.path("childTransitionInstances").forEach(t -> ids.add(t.path("activityId").asText() + " (job)"));
    activity.path("childActivityInstances").forEach(child -> {
      if (child.path("childActivityInstances").isEmpty() && child.path("childTransitionInstances").isEmpty()) {
        ids.add(child.path("activityId").asText());
      }
      collect(child, ids);
    });
  }

  boolean onboarded(String pi) throws Exception {
    // the history DTO has no end activity: the end event's own history entry says how it ended
    JsonNode history = history(pi);
    return history != null && "COMPLETED".equals(history.path("state").asText()) && completed(pi, END_ONBOARDED);
  }

  /** The instance's jobs, as the administrator sees them in Cockpit. */
  JsonNode jobs(String pi) throws Exception {
    return get("/job?processInstanceId=" + pi, adminAuth);
  }

  /** What Cockpit's "Retry" does: PUT …/job/{id}/retries. */
  void setRetries(String jobId, int retries) throws Exception {
    require(send("PUT", "/job/" + jobId + "/retries", "{\"retries\":" + retries + "}", adminAuth), 204,
        "set retries of " + jobId);
  }

  private void claim(JsonNode task) throws Exception {
    if (!"operator".equals(task.path("assignee").asText(null))) {
      require(send("POST", "/task/" + task.get("id").asText() + "/claim", "{\"userId\":\"operator\"}", operatorAuth),
          204, "claim " + task.get("taskDefinitionKey").asText());
    }
  }

  private JsonNode get(String path, String auth) throws Exception {
    HttpResponse<String> response = send("GET", path, null, auth);
    require(response, 200, "GET " + path);
    return JSON.readTree(response.body());
  }

  private HttpResponse<String> send(String method, String path, String body, String auth)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
        .timeout(Duration.ofSeconds(60)).header("Authorization", auth)
        .header("Content-Type", "application/json").header("Accept", "application/json");
    request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static void require(HttpResponse<String> response, int status, String what) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(what + ": HTTP " + response.statusCode() + " " + response.body());
    }
  }

  private static void put(ObjectNode variables, String name, String value) {
    variables.putObject(name).put("value", value);
  }

  private static String wrap(ObjectNode variables) {
    ObjectNode body = JSON.createObjectNode();
    body.set("variables", variables);
    return body.toString();
  }
}
