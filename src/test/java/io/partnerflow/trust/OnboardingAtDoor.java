package io.partnerflow.trust;

import static io.partnerflow.onboarding.OnboardingProcess.PROCESS_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.net.http.HttpResponse;
import java.util.concurrent.ThreadLocalRandom;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;

/**
 * Walks an onboarding the honest way, as the operator in Tasklist would (claim, submit the form's
 * own fields), through /engine-rest, to the step an attack starts from.
 */
final class OnboardingAtDoor {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String ACTIVE_RESELLER = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f01";
  static final String INACTIVE_RESELLER = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f04";

  private final EngineDoor.Client operator;
  private final TaskService tasks;
  private final ManagementService management;

  OnboardingAtDoor(EngineDoor.Client operator, TaskService tasks, ManagementService management) {
    this.operator = operator;
    this.tasks = tasks;
    this.management = management;
  }

  /** A second operator (password = user id), for attacks on someone else's work. */
  static void ensureOperator(org.camunda.bpm.engine.IdentityService identity, String userId) {
    if (identity.createUserQuery().userId(userId).count() == 0) {
      org.camunda.bpm.engine.identity.User user = identity.newUser(userId);
      user.setPassword(userId);
      identity.saveUser(user);
      identity.createMembership(userId, io.partnerflow.security.DemoUsersInitializer.OPERATORS);
    }
  }

  static ObjectNode vars(Object... nameValuePairs) {
    ObjectNode variables = JSON.createObjectNode();
    for (int i = 0; i < nameValuePairs.length; i += 2) {
      variables.putObject((String) nameValuePairs[i]).putPOJO("value", nameValuePairs[i + 1]);
    }
    return variables;
  }

  static String body(ObjectNode variables) {
    ObjectNode body = JSON.createObjectNode();
    body.set("variables", variables);
    return body.toString();
  }

  static ObjectNode accountInfo(String postalCode) {
    String prefix = "trust" + ThreadLocalRandom.current().nextInt(1_000_000, 9_999_999);
    return vars("companyName", "Trust Test Ltd", "domainPrefix", prefix, "addressLine1", "1 High Street",
        "city", "London", "postalCode", postalCode, "country", "GB", "culture", "en-GB", "language", "en",
        "contactFirstName", "Ada", "contactLastName", "Byron", "contactEmail", "ada@" + prefix + ".example",
        "contactPhone", "+44 20 7946 0000");
  }

  static ObjectNode agreement() {
    return vars("agreementDecision", "confirm", "agreementAccepted", true, "agreementDateAccepted", "2026-01-15",
        "signerFirstName", "Ada", "signerLastName", "Byron", "signerEmail", "ada@example.com");
  }

  static ObjectNode order(String offerId, Object quantity) {
    ObjectNode variables = JSON.createObjectNode();
    variables.putObject("orderLines").put("type", "Json")
        .put("value", "[{\"offerId\":\"" + offerId + "\",\"quantity\":" + JSON.valueToTree(quantity) + "}]");
    return variables;
  }

  String start(ObjectNode accountInfo) {
    HttpResponse<String> started = operator.post("/process-definition/key/" + PROCESS_KEY + "/submit-form",
        body(accountInfo));
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    try {
      return JSON.readTree(started.body()).get("id").asText();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  Task task(String processInstanceId, String taskKey) {
    Task task = tasks.createTaskQuery().processInstanceId(processInstanceId).taskDefinitionKey(taskKey).singleResult();
    assertThat(task).as("task %s of %s", taskKey, processInstanceId).isNotNull();
    return task;
  }

  Task claimed(String processInstanceId, String taskKey) {
    Task task = task(processInstanceId, taskKey);
    if (task.getAssignee() == null) {
      HttpResponse<String> claim = operator.post("/task/" + task.getId() + "/claim", "{\"userId\":\"operator\"}");
      assertThat(claim.statusCode()).as(claim.body()).isEqualTo(204);
    }
    return task;
  }

  void submit(String processInstanceId, String taskKey, ObjectNode variables) {
    Task task = claimed(processInstanceId, taskKey);
    HttpResponse<String> submitted = operator.post("/task/" + task.getId() + "/submit-form", body(variables));
    assertThat(submitted.statusCode()).as("%s: %s", taskKey, submitted.body()).isEqualTo(204);
  }

  String atAgreement() {
    return start(accountInfo("SW1A 1AA"));
  }

  String atReview() {
    String pi = atAgreement();
    submit(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT, agreement());
    submit(pi, Ids.SELECT_RESELLER, vars("resellerId", ACTIVE_RESELLER));
    submit(pi, Ids.SELECT_SUBSCRIPTIONS, order("O365-E3", 5));
    task(pi, Ids.REVIEW);
    return pi;
  }

  String atHandOver() {
    String pi = atReview();
    submit(pi, Ids.REVIEW, vars("reviewDecision", "submit"));
    for (int i = 0; i < 5; i++) {
      for (Job job : management.createJobQuery().processInstanceId(pi).list()) {
        management.executeJob(job.getId());
      }
    }
    task(pi, Ids.HAND_OVER_CREDENTIALS);
    return pi;
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
