package io.partnerflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Every error of /api is a problem ({@code application/problem+json}) with its status, and says
 * nothing of our internals; our pages' errors are a plain sentence. Over real HTTP.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ApiErrorsTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String JSON_TYPE = "application/json";

  @LocalServerPort
  int port;

  WebappClient http;

  @BeforeEach
  void newClient() {
    http = new WebappClient(port);
  }

  @Test
  void malformedJsonIs400() {
    assertProblem(post("/api/referrals", "{\"companyName\": ", JSON_TYPE, "ref-malformed"), 400, "validation");
  }

  @Test
  void aValueOfTheWrongTypeIs400() {
    assertProblem(post("/api/referrals", "{\"companyName\": {\"x\": 1}}", JSON_TYPE, "ref-type"), 400, "validation");
  }

  @Test
  void aBrokenRuleIs422NamingTheField() {
    JsonNode problem = assertProblem(post("/api/referrals", "{\"companyName\": \"\"}", JSON_TYPE, "ref-rule"), 422,
        "validation");
    assertThat(problem.path("errors").toString()).contains("companyName");
  }

  @Test
  void anUnknownPathIs404() {
    assertProblem(http.request("GET", "/api/no-such-thing", null, null, "operator", "operator"), 404, "not-found");
  }

  @Test
  void aWrongMethodIs405() {
    HttpResponse<String> response = http.request("DELETE", "/api/referrals", null, null, "operator", "operator");
    assertProblem(response, 405, "method-not-allowed");
    assertThat(response.headers().firstValue("Allow")).isPresent();
  }

  @Test
  void aWrongContentTypeIs415() {
    assertProblem(post("/api/referrals", "companyName=x", "application/x-www-form-urlencoded", "ref-415"), 415,
        "unsupported-media-type");
  }

  @Test
  void aBodyAbove64KiBIs413AndStartsNothing() {
    String big = "{\"companyName\": \"" + "x".repeat(70 * 1024) + "\"}";
    assertProblem(post("/api/referrals", big, JSON_TYPE, "ref-413"), 413, "payload-too-large");
  }

  @Test
  void aReusedIdempotencyKeyWithAnotherBodyIs409() {
    String first = referral("Litware Iberia");
    HttpResponse<String> created = post("/api/referrals", first, JSON_TYPE, "ref-409");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertProblem(post("/api/referrals", referral("Another Company"), JSON_TYPE, "ref-409"), 409,
        "idempotency-conflict");
  }

  @Test
  void unauthenticatedIs401AndForbiddenIs403() {
    HttpResponse<String> anonymous = http.request("GET", "/api/customers", null, null, null, null);
    assertProblem(anonymous, 401, "unauthorized");
    assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"partnerflow\"");
    HttpResponse<String> manager = http.requestWithHeader("POST", "/api/referrals", JSON_TYPE,
        referral("Manager Co"), "manager", "manager", "Idempotency-Key", "ref-manager");
    assertProblem(manager, 403, "forbidden");
  }

  @Test
  void ourPagesShowAPlainSentenceNotTheWhitelabelPage() {
    http.signIn(null, "operator", "operator");
    HttpResponse<String> missing = http.navigate("/customers/no-such-customer");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
    assertThat(missing.body()).contains("There is nothing at this address.")
        .doesNotContain("Whitelabel", "Exception", "io.partnerflow", "at org.");
  }

  private HttpResponse<String> post(String path, String body, String contentType, String idempotencyKey) {
    return http.requestWithHeader("POST", path, contentType, body, "operator", "operator", "Idempotency-Key",
        idempotencyKey);
  }

  private static String referral(String company) {
    return "{\"companyName\":\"" + company + "\",\"contactFirstName\":\"Rosa\",\"contactLastName\":\"Vidal\","
        + "\"contactEmail\":\"rosa@litware.example\",\"country\":\"ES\",\"language\":\"es\","
        + "\"need\":\"50 Microsoft 365 licenses\"}";
  }

  private static JsonNode assertProblem(HttpResponse<String> response, int status, String type) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type")).as(response.body())
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    JsonNode problem;
    try {
      problem = JSON.readTree(response.body());
    } catch (Exception e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
    assertThat(problem.path("status").asInt()).isEqualTo(status);
    assertThat(problem.path("type").asText()).endsWith("/" + type);
    assertThat(response.body()).doesNotContain("Exception", "io.partnerflow", "at org.", "trace");
    return problem;
  }
}
