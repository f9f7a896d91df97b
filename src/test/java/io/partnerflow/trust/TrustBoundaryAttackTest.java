package io.partnerflow.trust;

import static io.partnerflow.trust.OnboardingAtDoor.accountInfo;
import static io.partnerflow.trust.OnboardingAtDoor.agreement;
import static io.partnerflow.trust.OnboardingAtDoor.body;
import static io.partnerflow.trust.OnboardingAtDoor.json;
import static io.partnerflow.trust.OnboardingAtDoor.order;
import static io.partnerflow.trust.OnboardingAtDoor.vars;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.net.http.HttpResponse;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Issue 10's attacks on the onboarding, replayed through both doors of the engine REST API by an
 * operator: forged and extra variables, skipped steps, wrong types and values. Each must be
 * refused with a 4xx that names the field, and change nothing: the task stays open, no variable
 * moves, the registry keeps its rows.
 */
class TrustBoundaryAttackTest extends TrustBoundaryHttpTest {

  // --- Forged onboarding: the review submitted with the order, reseller and attestation rewritten

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void reviewWithForgedOrderResellerAndAttestationIsRefused(EngineDoor door) {
    String pi = onboarding.atReview();
    Task review = onboarding.claimed(pi, Ids.REVIEW);
    ObjectNode forged = vars("reviewDecision", "submit", "resellerId", OnboardingAtDoor.INACTIVE_RESELLER,
        "attestedBy", "someone-else", "agreementDateAccepted", "1990-01-01", "agreementAccepted", false);
    forged.putObject("orderSummary").put("type", "Json").put("value",
        "[{\"lineNumber\":1,\"offerId\":\"AZURE-PLAN\",\"offerName\":\"Azure plan\",\"quantity\":999},"
            + "{\"lineNumber\":2,\"offerId\":\"VISIO-PLAN2-LEGACY\",\"offerName\":\"Visio\",\"quantity\":1}]");
    long customers = customers();

    HttpResponse<String> response = clients.as(door, "operator").post("/task/" + review.getId() + "/submit-form",
        body(forged));

    assertRefused(response, 400, "orderSummary", "resellerId", "attestedBy", "agreementDateAccepted", "agreementAccepted");
    assertThat(onboarding.task(pi, Ids.REVIEW).getId()).isEqualTo(review.getId());
    assertThat(customers()).isEqualTo(customers);
    assertThat(runtimeService.getVariable(pi, "resellerId")).isEqualTo(OnboardingAtDoor.ACTIVE_RESELLER);
    assertThat(runtimeService.getVariable(pi, "agreementAccepted")).isEqualTo(true);
  }

  // --- Skipped steps

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void editAccountInfoCannotJumpToTheReview(EngineDoor door) {
    String pi = onboarding.start(accountInfo("not a postcode"));
    Task edit = onboarding.claimed(pi, Ids.EDIT_ACCOUNT_INFO);
    ObjectNode fixed = accountInfo("SW1A 1AA");
    fixed.putObject("reviewReached").put("value", true);

    HttpResponse<String> response = clients.as(door, "operator").post("/task/" + edit.getId() + "/submit-form",
        body(fixed));

    assertRefused(response, 400, "reviewReached");
    assertThat(onboarding.task(pi, Ids.EDIT_ACCOUNT_INFO).getId()).isEqualTo(edit.getId());
    assertThat(runtimeService.getVariable(pi, "reviewReached")).isEqualTo(false);
  }

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void agreementCannotSkipTheReseller(EngineDoor door) {
    String pi = onboarding.atAgreement();
    Task task = onboarding.claimed(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT);
    ObjectNode skipping = agreement();
    skipping.putObject("indirectProvider").put("value", false);

    assertRefused(clients.as(door, "operator").post("/task/" + task.getId() + "/submit-form", body(skipping)),
        400, "indirectProvider");
    assertThat(runtimeService.getVariable(pi, "indirectProvider")).isEqualTo(true);
    assertThat(onboarding.task(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT).getId()).isEqualTo(task.getId());
  }

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void aStartCannotBeginInsideTheProcessOrSetWhatTheServerSets(EngineDoor door) {
    EngineDoor.Client operator = clients.as(door, "operator");
    long instances = runtimeService.createProcessInstanceQuery().count();
    ObjectNode startedByApi = accountInfo("SW1A 1AA");
    startedByApi.putObject("startedByApi").put("value", true);
    assertRefused(operator.post("/process-definition/key/customer-onboarding/submit-form", body(startedByApi)),
        400, "startedByApi");
    assertRefused(operator.post("/process-definition/key/customer-onboarding/start",
        "{\"variables\":" + accountInfo("SW1A 1AA") + ",\"startInstructions\":[{\"type\":\"startBeforeActivity\","
            + "\"activityId\":\"" + Ids.REVIEW + "\"}]}"), 400, "startInstructions");
    assertRefused(operator.post("/process-definition/key/customer-onboarding/start",
        body(accountInfo("SW1A 1AA"))), 400, "submit-form");
    assertThat(runtimeService.createProcessInstanceQuery().count()).isEqualTo(instances);
  }

  // --- Types and values: refused with the field named, never a 500 or a silent default

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void agreementValuesOfTheWrongTypeOrOutsideTheirSetAreRefused(EngineDoor door) {
    String pi = onboarding.atAgreement();
    Task task = onboarding.claimed(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT);
    EngineDoor.Client operator = clients.as(door, "operator");
    String submit = "/task/" + task.getId() + "/submit-form";

    ObjectNode stringForBoolean = agreement();
    stringForBoolean.putObject("agreementAccepted").put("value", "yes");
    assertRefused(operator.post(submit, body(stringForBoolean)), 400, "agreementAccepted", "true or false");

    ObjectNode objectForString = agreement();
    objectForString.putObject("signerFirstName").put("type", "Json").put("value", "{\"first\":\"Ada\"}");
    assertRefused(operator.post(submit, body(objectForString)), 400, "signerFirstName", "text");

    ObjectNode noDecision = agreement();
    noDecision.remove("agreementDecision");
    assertRefused(operator.post(submit, body(noDecision)), 400, "agreementDecision", "required");

    ObjectNode unknownDecision = agreement();
    unknownDecision.putObject("agreementDecision").put("value", "foo");
    assertRefused(operator.post(submit, body(unknownDecision)), 400, "agreementDecision", "confirm, cancel");

    ObjectNode notADate = agreement();
    notADate.putObject("agreementDateAccepted").put("value", "15/01/2026");
    assertRefused(operator.post(submit, body(notADate)), 400, "agreementDateAccepted", "yyyy-MM-dd");

    assertThat(onboarding.task(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT).getId()).isEqualTo(task.getId());
    assertThat(runtimeService.getVariable(pi, "agreementDecision")).isNull();
  }

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void quantitiesAreWholeNumbers(EngineDoor door) {
    String pi = onboarding.atAgreement();
    onboarding.submit(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT, agreement());
    onboarding.submit(pi, Ids.SELECT_RESELLER, vars("resellerId", OnboardingAtDoor.ACTIVE_RESELLER));
    Task task = onboarding.claimed(pi, Ids.SELECT_SUBSCRIPTIONS);
    EngineDoor.Client operator = clients.as(door, "operator");
    String submit = "/task/" + task.getId() + "/submit-form";

    assertRefused(operator.post(submit, body(order("O365-E3", 2.5))), 400, "orderLines", "quantity");
    assertRefused(operator.post(submit, body(order("O365-E3", "ten"))), 400, "orderLines", "quantity");
    ObjectNode extraProperty = OnboardingAtDoor.JSON.createObjectNode();
    extraProperty.putObject("orderLines").put("type", "Json")
        .put("value", "[{\"offerId\":\"O365-E3\",\"quantity\":1,\"price\":0}]");
    assertRefused(operator.post(submit, body(extraProperty)), 400, "orderLines");
    assertThat(onboarding.task(pi, Ids.SELECT_SUBSCRIPTIONS).getId()).isEqualTo(task.getId());
  }

  @ParameterizedTest
  @EnumSource(EngineDoor.class)
  void theHandOverCompletesOnlyWhenTheOperatorConfirmsIt(EngineDoor door) {
    String pi = onboarding.atHandOver();
    Task handOver = onboarding.claimed(pi, Ids.HAND_OVER_CREDENTIALS);
    EngineDoor.Client operator = clients.as(door, "operator");
    String submit = "/task/" + handOver.getId() + "/submit-form";

    assertRefused(operator.post(submit, body(vars("credentialsHandedOver", false))), 400, "credentialsHandedOver");
    assertRefused(operator.post(submit, "{\"variables\":{}}"), 400, "credentialsHandedOver", "required");
    assertRefused(operator.post("/task/" + handOver.getId() + "/complete", "{}"), 400, "credentialsHandedOver");
    assertThat(onboarding.task(pi, Ids.HAND_OVER_CREDENTIALS).getId()).isEqualTo(handOver.getId());

    assertThat(operator.post(submit, body(vars("credentialsHandedOver", true))).statusCode()).isEqualTo(204);
    assertThat(runtimeService.createProcessInstanceQuery().processInstanceId(pi).count()).isZero();
  }

  @Test
  void malformedSubmissionsAreA400NotA500() {
    String pi = onboarding.atAgreement();
    Task task = onboarding.claimed(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT);
    EngineDoor.Client operator = clients.as(EngineDoor.ENGINE_REST, "operator");
    String submit = "/task/" + task.getId() + "/submit-form";
    assertRefused(operator.post(submit, "{not json"), 400, "not valid JSON");
    assertRefused(operator.post(submit, "[1,2]"), 400, "JSON object");
    assertRefused(operator.post(submit, "{\"variables\":[1]}"), 400, "variables");
    assertRefused(operator.post(submit, "{\"variables\":{\"agreementDecision\":\"confirm\"}}"), 400, "agreementDecision");
  }

  static void assertRefused(HttpResponse<String> response, int status, String... named) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(json(response).path("message").asText()).as(response.body()).contains(named);
  }

  private long customers() {
    return jdbc.sql("select count(*) from customer").query(Long.class).single();
  }

}
