package io.partnerflow.api;

import static io.partnerflow.api.ApiTestClient.contentType;
import static io.partnerflow.api.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.referral.ReferralProcess;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/** POST/GET /api/referrals over HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReferralApiTest {

  @LocalServerPort int port;
  @Autowired RuntimeService runtimeService;
  @Autowired JdbcClient jdbc;

  ApiTestClient operator;

  @BeforeEach
  void client() {
    operator = ApiTestClient.as(port, "operator", "operator");
  }

  static ObjectNode referral(String company) {
    return ApiTestClient.JSON.createObjectNode()
        .put("companyName", company)
        .put("contactFirstName", "Marta")
        .put("contactLastName", "Ruiz")
        .put("contactEmail", "marta.ruiz@adatum.example")
        .put("contactPhone", "+34 600 000 000")
        .put("country", "es")
        .put("language", "es")
        .put("need", "50 Microsoft 365 Business Premium licenses");
  }

  static List<String> errorPairs(JsonNode problem) {
    return StreamSupport.stream(problem.path("errors").spliterator(), false)
        .map(e -> e.path("field").asText() + "/" + e.path("rule").asText()).toList();
  }

  @Test
  void referralIsStoredStartedAndListed() {
    String company = "Adatum " + UUID.randomUUID().toString().substring(0, 8);
    String key = "ref-" + UUID.randomUUID();
    HttpResponse<String> response = operator.post("/api/referrals", key, referral(company).toString());

    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    JsonNode created = json(response);
    String id = created.path("id").asText();
    assertThat(response.headers().firstValue("Location")).hasValue("/api/referrals/" + id);
    assertThat(created.path("status").asText()).isEqualTo("NEW");
    assertThat(created.path("source").asText()).isEqualTo("API");
    assertThat(created.path("externalReference").asText()).isEqualTo(key);
    assertThat(created.path("country").asText()).isEqualTo("ES");
    String processInstanceId = created.path("processInstanceId").asText();
    assertThat(runtimeService.getActiveActivityIds(processInstanceId)).contains(ReferralProcess.Ids.DECIDE);

    HttpResponse<String> again = operator.post("/api/referrals", key, referral(company).toString());
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(json(again).path("id").asText()).isEqualTo(id);
    assertThat(jdbc.sql("select count(*) from referral where external_reference = ?").param(key)
        .query(Long.class).single()).isEqualTo(1);

    HttpResponse<String> conflict = operator.post("/api/referrals", key, referral("Someone Else Ltd").toString());
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(contentType(conflict)).startsWith("application/problem+json");

    JsonNode page = json(operator.get("/api/referrals?q=" + company.substring(0, 10).replace(" ", "%20")
        + "&status=NEW&page=0&size=10"));
    assertThat(page.path("total").asLong()).isEqualTo(1);
    assertThat(page.path("items").get(0).path("id").asText()).isEqualTo(id);
    assertThat(json(operator.get("/api/referrals?status=WON")).path("items").toString()).doesNotContain(id);
    assertThat(json(operator.get("/api/referrals/" + id)).path("companyName").asText()).isEqualTo(company);
  }

  @Test
  void invalidReferralIsOneProblem() {
    ObjectNode body = referral("").put("contactEmail", "marta@").put("language", "de");
    HttpResponse<String> response = operator.post("/api/referrals", "ref-" + UUID.randomUUID(), body.toString());

    assertThat(response.statusCode()).isEqualTo(422);
    assertThat(contentType(response)).startsWith("application/problem+json");
    assertThat(errorPairs(json(response))).contains("companyName/required", "contactEmail/email-format");

    HttpResponse<String> noKey = operator.post("/api/referrals", null, referral("Adatum").toString());
    assertThat(noKey.statusCode()).isEqualTo(422);
    assertThat(errorPairs(json(noKey))).containsExactly("Idempotency-Key/required");

    HttpResponse<String> status = operator.get("/api/referrals?status=MAYBE");
    assertThat(status.statusCode()).isEqualTo(400);
    assertThat(errorPairs(json(status))).containsExactly("status/type");
  }

  @Test
  void managerMayListButNotHandIn() {
    assertThat(ApiTestClient.as(port, "manager", "manager").get("/api/referrals").statusCode()).isEqualTo(200);
    String key = "ref-" + UUID.randomUUID();
    HttpResponse<String> response = ApiTestClient.as(port, "manager", "manager")
        .post("/api/referrals", key, referral("Managers Inc").toString());
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(contentType(response)).startsWith("application/problem+json");
    assertThat(jdbc.sql("select count(*) from referral where external_reference = ?").param(key)
        .query(Long.class).single()).isZero();
  }

  @Test
  void unknownReferralIsNotFound() {
    assertThat(operator.get("/api/referrals/none").statusCode()).isEqualTo(404);
  }
}
