package io.partnerflow.api;

import static io.partnerflow.api.ApiTestClient.contentType;
import static io.partnerflow.api.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.onboarding.OnboardingProcess;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/** POST/GET /api/onboardings over HTTP: authentication, authorization, validation, idempotency, status. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class OnboardingApiTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcClient jdbc;

  ApiTestClient operator;
  ApiTestClient manager;
  ApiTestClient anonymous;

  @BeforeEach
  void clients() {
    operator = ApiTestClient.as(port, "operator", "operator");
    manager = ApiTestClient.as(port, "manager", "manager");
    anonymous = ApiTestClient.anonymous(port);
  }

  static String uniquePrefix() {
    return "api" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
  }

  static ObjectNode validBody(String domainPrefix) {
    ObjectNode body = ApiTestClient.JSON.createObjectNode()
        .put("companyName", "Contoso Iberia S.L.")
        .put("domainPrefix", domainPrefix)
        .put("addressLine1", "Calle Mayor 1")
        .put("city", "Madrid")
        .put("postalCode", "28013")
        .put("country", "ES")
        .put("culture", "es-ES")
        .put("language", "es");
    body.putObject("contact")
        .put("firstName", "Lucía")
        .put("lastName", "García")
        .put("email", "lucia.garcia@contoso-iberia.example")
        .put("phone", "+34 910 000 000");
    return body;
  }

  long instancesWithPrefix(String domainPrefix) {
    return runtimeService.createProcessInstanceQuery().processDefinitionKey(OnboardingProcess.PROCESS_KEY)
        .variableValueEquals(OnboardingProcess.DOMAIN_PREFIX.name(), domainPrefix).count();
  }

  static List<String> errorFields(JsonNode problem) {
    return StreamSupport.stream(problem.path("errors").spliterator(), false).map(e -> e.path("field").asText())
        .toList();
  }

  static List<String> errorPairs(JsonNode problem) {
    return StreamSupport.stream(problem.path("errors").spliterator(), false)
        .map(e -> e.path("field").asText() + "/" + e.path("rule").asText()).toList();
  }

  // --- authentication and authorization

  @Test
  void anonymousCallsAreRejected() {
    assertThat(anonymous.post("/api/onboardings", "k-anon", validBody(uniquePrefix()).toString()).statusCode())
        .isEqualTo(401);
    assertThat(anonymous.get("/api/onboardings/any").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/v3/api-docs").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/swagger-ui.html").statusCode()).isEqualTo(401);
    assertThat(anonymous.get("/swagger-ui/index.html").statusCode()).isEqualTo(401);
  }

  @Test
  void managerMayReadButNotStart() {
    assertThat(manager.get("/api/customers?q=fab").statusCode()).isEqualTo(200);

    String prefix = uniquePrefix();
    HttpResponse<String> response = manager.post("/api/onboardings", "k-" + prefix, validBody(prefix).toString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(contentType(response)).startsWith("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.path("status").asInt()).isEqualTo(403);
    assertThat(problem.path("type").asText()).isEqualTo("https://partnerflow.io/problems/forbidden");
    assertThat(problem.path("detail").asText()).contains("manager");
    assertThat(response.body()).doesNotContain("at org.", "Exception");
    assertThat(instancesWithPrefix(prefix)).isZero();
    // nothing recorded for the key: the transaction rolled back
    assertThat(jdbc.sql("select count(*) from api_request where client_request_id = ?").param("k-" + prefix)
        .query(Long.class).single()).isZero();

    // the operator's onboarding is visible to the manager
    String id = json(operator.post("/api/onboardings", "k-op-" + prefix, validBody(prefix).toString()))
        .path("processInstanceId").asText();
    assertThat(manager.get("/api/onboardings/" + id).statusCode()).isEqualTo(200);
  }

  // --- validation

  @Test
  void invalidAccountInfoIsOneProblemWithEveryBrokenRule() {
    ObjectNode body = validBody(uniquePrefix())
        .put("country", "DE").put("culture", "de-DE").put("language", "de").put("postalCode", "1234");
    ((ObjectNode) body.get("contact")).put("email", "not an email");

    HttpResponse<String> response = operator.post("/api/onboardings", "k-" + UUID.randomUUID(), body.toString());

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(contentType(response)).startsWith("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.path("type").asText()).isEqualTo("https://partnerflow.io/problems/validation");
    assertThat(problem.path("title").asText()).isEqualTo("Invalid request");
    assertThat(problem.path("status").asInt()).isEqualTo(422);
    assertThat(problem.path("detail").asText()).isNotBlank();
    assertThat(errorPairs(problem)).contains("postalCode/postal-code-format", "contactEmail/email-format");
    assertThat(problem.path("errors").get(0).path("message").asText()).isNotBlank();
    assertThat(instancesWithPrefix(body.path("domainPrefix").asText())).isZero();
  }

  @Test
  void missingIdempotencyKeyIsNamed() {
    String prefix = uniquePrefix();
    HttpResponse<String> response = operator.post("/api/onboardings", null, validBody(prefix).toString());
    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(contentType(response)).startsWith("application/problem+json");
    assertThat(errorPairs(json(response))).containsExactly("Idempotency-Key/required");

    HttpResponse<String> tooLong = operator.post("/api/onboardings", "x".repeat(101), validBody(prefix).toString());
    assertThat(tooLong.statusCode()).isEqualTo(422);
    assertThat(errorPairs(json(tooLong))).containsExactly("Idempotency-Key/max-length");
    assertThat(instancesWithPrefix(prefix)).isZero();
  }

  @Test
  void unreadableJsonNamesTheFieldOrTheBody() {
    HttpResponse<String> syntax = operator.post("/api/onboardings", "k-" + UUID.randomUUID(), "{\"companyName\": ");
    assertThat(syntax.statusCode()).isEqualTo(400);
    assertThat(contentType(syntax)).startsWith("application/problem+json");
    assertThat(errorPairs(json(syntax))).containsExactly("body/json-syntax");

    HttpResponse<String> type = operator.post("/api/onboardings", "k-" + UUID.randomUUID(),
        "{\"companyName\": \"X\", \"contact\": [1, 2]}");
    assertThat(type.statusCode()).isEqualTo(400);
    assertThat(errorFields(json(type))).containsExactly("contact");

    HttpResponse<String> empty = operator.post("/api/onboardings", "k-" + UUID.randomUUID(), "");
    assertThat(empty.statusCode()).isEqualTo(400);
    assertThat(errorPairs(json(empty))).containsExactly("body/required");
    assertThat(empty.body()).doesNotContain("Exception");
  }

  @Test
  void fieldsTheApiDoesNotTakeAreRefusedByName() {
    String prefix = uniquePrefix();
    ObjectNode forged = validBody(prefix);
    forged.put("startedByApi", false);
    forged.put("reviewReached", true);

    HttpResponse<String> response = operator.post("/api/onboardings", "k-" + prefix, forged.toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
    assertThat(contentType(response)).startsWith("application/problem+json");
    assertThat(errorPairs(json(response))).containsAnyOf("startedByApi/unknown", "reviewReached/unknown");
    assertThat(instancesWithPrefix(prefix)).isZero();
  }

  // --- start, idempotency, status

  @Test
  void validRequestStartsOnboardingThatWaitsForTheAgreement() {
    String prefix = uniquePrefix();
    HttpResponse<String> response = operator.post("/api/onboardings", "k-" + prefix, validBody(prefix).toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode status = json(response);
    String id = status.path("processInstanceId").asText();
    assertThat(response.headers().firstValue("Location")).hasValue("/api/onboardings/" + id);
    assertThat(status.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(status.path("startedBy").asText()).isEqualTo("operator");
    assertThat(runtimeService.getActiveActivityIds(id))
        .containsExactly(OnboardingProcess.Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat(runtimeService.getVariable(id, OnboardingProcess.INITIATOR.name())).isEqualTo("operator");
    assertThat(runtimeService.getVariable(id, OnboardingProcess.CONTACT_EMAIL.name()))
        .isEqualTo("lucia.garcia@contoso-iberia.example");
    assertThat(jdbc.sql("select operation || ' ' || process_instance_id || ' ' || requested_by from api_request "
        + "where client_request_id = ?").param("k-" + prefix).query(String.class).single())
        .isEqualTo("start-onboarding " + id + " operator");
  }

  @Test
  void statusShowsTheCurrentStepAndWhoItWaitsFor() {
    String prefix = uniquePrefix();
    String id = json(operator.post("/api/onboardings", "k-" + prefix, validBody(prefix).toString()))
        .path("processInstanceId").asText();

    HttpResponse<String> response = operator.get("/api/onboardings/" + id);

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(contentType(response)).startsWith("application/json");
    JsonNode status = json(response);
    assertThat(status.path("processInstanceId").asText()).isEqualTo(id);
    assertThat(status.path("state").asText()).isEqualTo("ACTIVE");
    assertThat(status.path("currentSteps")).hasSize(1);
    JsonNode step = status.path("currentSteps").get(0);
    assertThat(step.path("activityId").asText()).isEqualTo(OnboardingProcess.Ids.CONFIRM_CUSTOMER_AGREEMENT);
    assertThat(step.path("activityName").asText()).isEqualTo("Confirm customer agreement");
    assertThat(step.path("waitingFor").path("kind").asText()).isEqualTo("user-task");
    assertThat(step.path("waitingFor").path("who").asText()).isEqualTo("group operators");
    assertThat(step.path("waitingFor").path("candidateGroups").toString()).isEqualTo("[\"operators\"]");
    assertThat(status.has("endEvent")).isFalse();
  }

  @Test
  void existingDomainIsAnOutcomeNotAnError() {
    HttpResponse<String> response = operator.post("/api/onboardings", "k-" + UUID.randomUUID(),
        validBody("fabrikam").toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode status = json(response);
    assertThat(status.path("state").asText()).isEqualTo("COMPLETED");
    assertThat(status.path("currentSteps")).isEmpty();
    assertThat(status.path("endEvent").path("activityId").asText())
        .isEqualTo(OnboardingProcess.Ids.END_RELATIONSHIP_REQUESTED);
    assertThat(status.path("endEvent").path("activityName").asText()).isNotBlank();
    assertThat(status.path("customerId").asText()).isEqualTo("0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10");
  }

  @Test
  void unknownOnboardingIsNotFound() {
    HttpResponse<String> response = operator.get("/api/onboardings/no-such-instance");
    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(contentType(response)).startsWith("application/problem+json");
    assertThat(json(response).path("type").asText()).isEqualTo("https://partnerflow.io/problems/not-found");
  }

  @Test
  void sameIdempotencyKeyTwiceIsTheSameOnboarding() {
    String prefix = uniquePrefix();
    String key = "portal-" + prefix;

    HttpResponse<String> first = operator.post("/api/onboardings", key, validBody(prefix).toString());
    HttpResponse<String> second = operator.post("/api/onboardings", key, validBody(prefix).toString());

    assertThat(first.statusCode()).isEqualTo(201);
    assertThat(second.statusCode()).as(second.body()).isEqualTo(200);
    String id = json(first).path("processInstanceId").asText();
    assertThat(json(second).path("processInstanceId").asText()).isEqualTo(id);
    assertThat(second.headers().firstValue("Location")).hasValue("/api/onboardings/" + id);
    assertThat(instancesWithPrefix(prefix)).isEqualTo(1);
  }

  @Test
  void sameIdempotencyKeyWithAnotherBodyOrByAnotherUserIsAConflict() {
    String prefix = uniquePrefix();
    String key = "portal-" + prefix;
    assertThat(operator.post("/api/onboardings", key, validBody(prefix).toString()).statusCode()).isEqualTo(201);

    HttpResponse<String> otherBody = operator.post("/api/onboardings", key,
        validBody(prefix).put("companyName", "Contoso Portugal Lda.").toString());
    assertThat(otherBody.statusCode()).isEqualTo(409);
    assertThat(contentType(otherBody)).startsWith("application/problem+json");
    assertThat(json(otherBody).path("detail").asText()).contains("companyName");

    HttpResponse<String> otherUser = ApiTestClient.as(port, "admin", "admin")
        .post("/api/onboardings", key, validBody(prefix).toString());
    assertThat(otherUser.statusCode()).isEqualTo(409);
    assertThat(instancesWithPrefix(prefix)).isEqualTo(1);
  }

  @Test
  void concurrentRequestsWithOneKeyStartOneOnboarding() throws Exception {
    String prefix = uniquePrefix();
    String key = "portal-" + prefix;
    String body = validBody(prefix).toString();

    List<CompletableFuture<HttpResponse<String>>> calls = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      calls.add(operator.postAsync("/api/onboardings", key, body));
    }
    List<HttpResponse<String>> responses = new ArrayList<>();
    for (CompletableFuture<HttpResponse<String>> call : calls) {
      responses.add(call.get());
    }

    assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).as(r.body()).isIn(200, 201));
    assertThat(responses.stream().filter(r -> r.statusCode() == 201)).hasSize(1);
    assertThat(responses.stream().map(r -> json(r).path("processInstanceId").asText()).distinct()).hasSize(1);
    assertThat(instancesWithPrefix(prefix)).isEqualTo(1);
  }

  // --- OpenAPI

  @Test
  void openApiDescribesOnlyTheIntegrationApi() {
    HttpResponse<String> response = operator.get("/v3/api-docs");

    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode docs = json(response);
    assertThat(docs.path("info").path("title").asText()).isEqualTo("partnerflow integration API");
    List<String> paths = new ArrayList<>();
    docs.path("paths").fieldNames().forEachRemaining(paths::add);
    assertThat(paths).contains("/api/onboardings", "/api/onboardings/{id}", "/api/customers", "/api/customers/{id}",
        "/api/invitations", "/api/invitations/{id}", "/api/referrals")
        .allSatisfy(p -> assertThat(p).startsWith("/api/"));
    assertThat(response.body()).doesNotContain("/engine-rest", "/mailbox");
    assertThat(docs.path("components").path("securitySchemes").path("basicAuth").path("scheme").asText())
        .isEqualTo("basic");
    JsonNode post = docs.path("paths").path("/api/onboardings").path("post");
    assertThat(post.path("responses").path("400").path("content").has("application/problem+json")).isTrue();
    assertThat(post.path("responses").path("409").isMissingNode()).isFalse();
    assertThat(docs.path("components").path("schemas").has("Problem")).isTrue();

    assertThat(operator.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
  }
}
