package io.partnerflow.trust;

import static io.partnerflow.trust.OnboardingAtDoor.body;
import static io.partnerflow.trust.OnboardingAtDoor.json;
import static io.partnerflow.trust.OnboardingAtDoor.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.onboarding.AdminPasswordHandOver;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.net.http.HttpResponse;
import java.util.List;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The temporary admin password: shown to the user working the hand-over task and to nobody else,
 * through no other endpoint, never in history, gone when the task ends. Every read path is tried
 * as the manager, as another operator, and after completion.
 */
class AdminPasswordSecrecyTest extends TrustBoundaryHttpTest {

  static final String PASSWORD = "temporaryAdminPassword";

  @Autowired AdminPasswordHandOver handOvers;

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void onlyTheAssigneeSeesThePasswordAndOnlyUntilTheTaskEnds(EngineDoor door) {
    String pi = onboarding.atHandOver();
    Task handOver = onboarding.task(pi, Ids.HAND_OVER_CREDENTIALS);
    String formVariables = "/task/" + handOver.getId() + "/form-variables";

    // Unclaimed: nobody sees it, and it does not exist yet
    assertThat(json(clients.as(door, "operator").get(formVariables)).has(PASSWORD)).isFalse();
    assertThat(handOvers.exists(handOver.getId())).isFalse();

    onboarding.claimed(pi, Ids.HAND_OVER_CREDENTIALS);
    HttpResponse<String> shown = clients.as(door, "operator").get(formVariables);
    String password = json(shown).at("/" + PASSWORD + "/value").asText();
    assertThat(password).as(shown.body()).hasSize(16);
    assertThat(json(clients.as(door, "operator").get(formVariables)).at("/" + PASSWORD + "/value").asText())
        .as("the same on every view by the assignee").isEqualTo(password);

    for (String reader : List.of("manager", OTHER_OPERATOR)) {
      EngineDoor.Client client = clients.as(door, reader);
      assertNowhere(client, pi, handOver.getId(), password, true);
    }
    assertNotInEngineTables(password);

    HttpResponse<String> completed = clients.as(door, "operator").post("/task/" + handOver.getId() + "/submit-form",
        body(vars("credentialsHandedOver", true)));
    assertThat(completed.statusCode()).as(completed.body()).isEqualTo(204);

    assertThat(handOvers.exists(handOver.getId())).as("deleted with the task").isFalse();
    assertThat(clients.as(door, "operator").get(formVariables).statusCode()).isIn(400, 404); // no such task
    for (String reader : List.of("operator", "manager", OTHER_OPERATOR)) {
      assertNowhere(clients.as(door, reader), pi, handOver.getId(), password, false);
    }
    assertNotInEngineTables(password);
  }

  /**
   * Every engine read path that could hold it, as this client. Each must answer with data (200), so
   * the absence is read, not assumed; only the task's own paths are gone once the task ended.
   */
  private static void assertNowhere(EngineDoor.Client client, String pi, String taskId, String password,
      boolean taskOpen) {
    List<String> taskPaths = List.of("/task/" + taskId + "/form-variables", "/task/" + taskId + "/variables");
    List<String> paths = List.of(
        "/task/" + taskId + "/form-variables",
        "/task/" + taskId + "/variables",
        "/process-instance/" + pi + "/variables",
        "/variable-instance?variableName=" + PASSWORD,
        "/variable-instance?processInstanceIdIn=" + pi,
        "/history/variable-instance?variableName=" + PASSWORD,
        "/history/variable-instance?processInstanceId=" + pi,
        "/history/detail?processInstanceId=" + pi);
    for (String path : paths) {
      if (!taskOpen && (taskPaths.contains(path) || path.startsWith("/process-instance/"))) {
        continue; // the task, and with it the instance, is gone
      }
      HttpResponse<String> response = client.get(path);
      assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
      assertThat(response.body()).as("%s", path).doesNotContain(password).doesNotContain("\"" + PASSWORD + "\"");
    }
    // what is shown there is the instance's data: the history holds the admin user name, not the password
    assertThat(client.get("/history/variable-instance?processInstanceId=" + pi).body()).contains("adminUserName");
  }

  private void assertNotInEngineTables(String password) {
    for (String query : List.of(
        "select count(*) from ACT_RU_VARIABLE where TEXT_ = ? or TEXT2_ = ?",
        "select count(*) from ACT_HI_VARINST where TEXT_ = ? or TEXT2_ = ?",
        "select count(*) from ACT_HI_DETAIL where TEXT_ = ? or TEXT2_ = ?")) {
      assertThat(jdbc.sql(query).params(password, password).query(Long.class).single()).as(query).isZero();
    }
  }
}
