package io.partnerflow.trust;

import static io.partnerflow.trust.OnboardingAtDoor.agreement;
import static io.partnerflow.trust.OnboardingAtDoor.body;
import static io.partnerflow.trust.OnboardingAtDoor.vars;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The README's "Who may do what" table, row by row: each forbidden call is tried through both
 * doors of the engine REST API and must be refused with nothing changed.
 */
class LeastPrivilegeTest extends TrustBoundaryHttpTest {

  @Autowired RepositoryService repositoryService;

  // --- Operators

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void operatorsDoNotModifyInstancesWriteVariablesSuspendOrDelete(EngineDoor door) {
    String pi = onboarding.atAgreement();
    Task task = onboarding.claimed(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT);
    EngineDoor.Client operator = clients.as(door, "operator");

    assertForbidden(operator.post("/process-instance/" + pi + "/modification",
        "{\"instructions\":[{\"type\":\"startBeforeActivity\",\"activityId\":\"" + Ids.REVIEW + "\"}]}"));
    assertForbidden(operator.put("/process-instance/" + pi + "/variables/reviewReached",
        "{\"value\":true,\"type\":\"Boolean\"}"));
    assertForbidden(operator.post("/process-instance/" + pi + "/variables",
        "{\"modifications\":{\"indirectProvider\":{\"value\":false}}}"));
    assertForbidden(operator.put("/task/" + task.getId() + "/variables/indirectProvider", "{\"value\":false}"));
    assertForbidden(operator.put("/task/" + task.getId() + "/localVariables/x", "{\"value\":1}"));
    assertForbidden(operator.delete("/process-instance/" + pi + "/variables/indirectProvider"));
    assertForbidden(operator.put("/process-instance/" + pi + "/suspended", "{\"suspended\":true}"));
    assertForbidden(operator.delete("/process-instance/" + pi));
    assertForbidden(operator.post("/message", "{\"messageName\":\"InvitationAnswered\",\"processInstanceId\":\"" + pi
        + "\",\"processVariables\":{\"answer\":{\"value\":\"accepted\"}}}"));
    assertForbidden(operator.post("/signal", "{\"name\":\"anything\"}"));
    assertForbidden(operator.post("/process-definition/key/referral/start", "{}"));
    assertForbidden(operator.post("/process-definition/key/invitation-reply-triage/start", "{}"));
    assertForbidden(operator.post("/task/" + task.getId() + "/bpmnError",
        "{\"errorCode\":\"ConsentMissing\",\"variables\":{\"indirectProvider\":{\"value\":false}}}"));

    assertThat(runtimeService.getActiveActivityIds(pi)).containsExactly(Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat(runtimeService.getVariables(pi)).containsEntry("reviewReached", false).containsEntry("indirectProvider", true);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).active().count()).isEqualTo(1);
    assertThat(taskService.getVariablesLocal(task.getId())).isEmpty();
  }

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void operatorsDoNotTakeOrCompleteOtherPeoplesTasks(EngineDoor door) {
    String pi = onboarding.atAgreement();
    Task task = onboarding.claimed(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT); // claimed by "operator"
    EngineDoor.Client other = clients.as(door, OTHER_OPERATOR);

    assertForbidden(other.post("/task/" + task.getId() + "/submit-form", body(agreement())));
    assertForbidden(other.post("/task/" + task.getId() + "/complete", body(agreement())));
    assertForbidden(other.post("/task/" + task.getId() + "/unclaim", "{}"));
    assertForbidden(other.post("/task/" + task.getId() + "/assignee", "{\"userId\":\"" + OTHER_OPERATOR + "\"}"));
    assertForbidden(other.post("/task/" + task.getId() + "/delegate", "{\"userId\":\"" + OTHER_OPERATOR + "\"}"));
    HttpResponse<String> claim = other.post("/task/" + task.getId() + "/claim", "{\"userId\":\"" + OTHER_OPERATOR + "\"}");
    assertThat(claim.statusCode()).as(claim.body()).isEqualTo(409);
    assertThat(claim.body()).contains("already claimed by operator");
    assertForbidden(other.post("/task/" + task.getId() + "/comment/create", "{\"message\":\"mine now\"}"));
    assertThat(taskService.getTaskComments(task.getId())).isEmpty();

    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isEqualTo("operator");
    assertThat(runtimeService.getActiveActivityIds(pi)).containsExactly(Ids.CONFIRM_CUSTOMER_AGREEMENT);
  }

  @Test
  void operatorsHaveNoCockpitOrAdmin() {
    EngineDoor.Client operator = clients.as(EngineDoor.WEBAPP_API, "operator");
    assertForbidden(operator.getRaw("/camunda/api/cockpit/plugin/base/default/process-definition/statistics"));
    assertForbidden(operator.getRaw("/camunda/api/admin/plugin/adminPlugins/default/"));
    assertThat(operator.getRaw("/camunda/api/admin/auth/user/default").body()).doesNotContain("\"cockpit\"");
  }

  // --- Administrators: they repair, the contract still holds

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void administratorsWriteVariablesButNeitherCompleteOthersTasksNorBreakAContract(EngineDoor door) {
    String pi = onboarding.atAgreement();
    Task task = onboarding.claimed(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT); // claimed by "operator"
    EngineDoor.Client admin = clients.as(door, "admin");

    assertThat(admin.put("/process-instance/" + pi + "/variables/repairNote", "{\"value\":\"checked\"}")
        .statusCode()).isEqualTo(204);
    assertForbidden(admin.post("/task/" + task.getId() + "/submit-form", body(agreement())));
    HttpResponse<String> forged = admin.post("/process-definition/key/customer-onboarding/submit-form",
        "{\"variables\":{\"reviewReached\":{\"value\":true}}}");
    assertThat(forged.statusCode()).as(forged.body()).isEqualTo(400);
    assertThat(forged.body()).contains("reviewReached");

    assertThat(runtimeService.getVariable(pi, "repairNote")).isEqualTo("checked");
    assertThat(runtimeService.getActiveActivityIds(pi)).containsExactly(Ids.CONFIRM_CUSTOMER_AGREEMENT);
  }

  // --- Managers

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void managersReadButWriteNothing(EngineDoor door) {
    String pi = onboarding.atAgreement();
    Task task = onboarding.task(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT);
    EngineDoor.Client manager = clients.as(door, "manager");

    assertThat(manager.get("/process-instance/" + pi).statusCode()).isEqualTo(200);
    assertThat(manager.get("/task/" + task.getId()).statusCode()).isEqualTo(200);
    assertThat(manager.get("/history/process-instance/" + pi).statusCode()).isEqualTo(200);

    assertForbidden(manager.post("/task/" + task.getId() + "/claim", "{\"userId\":\"manager\"}"));
    assertForbidden(manager.post("/task/" + task.getId() + "/submit-form", body(agreement())));
    assertForbidden(manager.post("/task/" + task.getId() + "/comment/create", "{\"message\":\"looks fine\"}"));
    assertForbidden(manager.post("/process-definition/key/customer-onboarding/submit-form",
        body(OnboardingAtDoor.accountInfo("SW1A 1AA"))));
    assertForbidden(manager.post("/process-instance/" + pi + "/modification",
        "{\"instructions\":[{\"type\":\"cancel\",\"activityId\":\"" + Ids.CONFIRM_CUSTOMER_AGREEMENT + "\"}]}"));
    assertForbidden(manager.put("/process-instance/" + pi + "/variables/x", "{\"value\":1}"));
    assertForbidden(manager.put("/process-instance/" + pi + "/suspended", "{\"suspended\":true}"));
    assertForbidden(manager.delete("/process-instance/" + pi));

    assertThat(taskService.getTaskComments(task.getId())).isEmpty();
    assertThat(taskService.createTaskQuery().taskId(task.getId()).singleResult().getAssignee()).isNull();
    assertThat(runtimeService.getActiveActivityIds(pi)).containsExactly(Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat(runtimeService.getVariables(pi)).doesNotContainKey("x");
  }

  @Test
  void managersDoNotRetryJobsOrSuspendDefinitions() {
    String pi = onboarding.atReview();
    onboarding.submit(pi, Ids.REVIEW, vars("reviewDecision", "submit"));
    String jobId = managementService.createJobQuery().processInstanceId(pi).singleResult().getId();
    int retries = managementService.createJobQuery().jobId(jobId).singleResult().getRetries();
    EngineDoor.Client manager = clients.as(EngineDoor.WEBAPP_API, "manager");

    assertForbidden(manager.put("/job/" + jobId + "/retries", "{\"retries\":0}"));
    // Camunda runs the job before it checks the caller: each refused run used to cost a retry
    assertForbidden(manager.post("/job/" + jobId + "/execute", "{}"));
    assertForbidden(clients.as(EngineDoor.ENGINE_REST, "operator").post("/job/" + jobId + "/execute", "{}"));
    assertForbidden(manager.put("/process-definition/key/customer-onboarding/suspended",
        "{\"suspended\":true,\"includeProcessInstances\":true}"));

    assertThat(managementService.createJobQuery().jobId(jobId).singleResult().getRetries()).isEqualTo(retries);
    assertThat(repositoryService.createProcessDefinitionQuery().processDefinitionKey("customer-onboarding")
        .suspended().count()).isZero();
  }

  static void assertForbidden(HttpResponse<String> response) {
    assertThat(response.statusCode()).as("%s %s", response.request().uri(), response.body()).isIn(401, 403);
  }

}
