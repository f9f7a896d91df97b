package io.partnerflow.api;

import static io.partnerflow.api.ApiTestClient.contentType;
import static io.partnerflow.api.ApiTestClient.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.provisioning.PartnerCenterFaults;
import io.partnerflow.provisioning.PartnerCenterUnavailableException;
import io.partnerflow.provisioning.SimulatedFaults;
import io.partnerflow.provisioning.SimulatedPartnerCenter;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** The administrators' switch of the simulated Partner Center's faults, over real HTTP. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PartnerCenterSimulationApiTest {

  static final String FAULTS = PartnerCenterSimulationApiController.PATH;
  static final String ALL_THREE = "{\"failNext\":2,\"failFor\":\"PT2M\",\"timeoutAfterWork\":\"PT3S\"}";

  @LocalServerPort int port;
  @Autowired SimulatedPartnerCenter simulated;

  ApiTestClient admin;
  ApiTestClient operator;
  ApiTestClient manager;

  @BeforeEach
  void setUp() {
    simulated.faults().set(PartnerCenterFaults.NONE);
    admin = ApiTestClient.as(port, "admin", "admin");
    operator = ApiTestClient.as(port, "operator", "operator");
    manager = ApiTestClient.as(port, "manager", "manager");
  }

  @AfterEach
  void switchEverythingOff() {
    simulated.faults().set(PartnerCenterFaults.NONE);
  }

  @Test
  void anAdministratorSetsTheFaultsAndReadsThemBack() {
    Instant before = Instant.now();
    HttpResponse<String> put = admin.put(FAULTS, ALL_THREE);

    assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
    JsonNode set = json(put);
    assertThat(set.path("failNext").asInt()).isEqualTo(2);
    assertThat(set.path("failFor").asText()).isEqualTo("PT2M");
    assertThat(set.path("timeoutAfterWork").asText()).isEqualTo("PT3S");
    assertThat(Instant.parse(set.path("failingUntil").asText()))
        .isBetween(before.plus(Duration.ofMinutes(2)), Instant.now().plus(Duration.ofMinutes(2)));
    assertThat(json(admin.get(FAULTS))).isEqualTo(set);
    assertThat(simulated.faults().state()).isEqualTo(new SimulatedFaults.State(2, Duration.ofMinutes(2),
        Instant.parse(set.path("failingUntil").asText()), Duration.ofSeconds(3)));

    HttpResponse<String> off = admin.put(FAULTS, "{}");
    assertThat(off.statusCode()).isEqualTo(200);
    JsonNode now = json(admin.get(FAULTS));
    assertThat(now.path("failNext").asInt()).isZero();
    assertThat(now.path("failFor").asText()).isEqualTo("PT0S");
    assertThat(now.path("failingUntil").isNull()).isTrue();
    assertThat(now.path("timeoutAfterWork").asText()).isEqualTo("PT0S");
  }

  @Test
  void whatTheSwitchSetsIsWhatThePartnerCenterDoes() {
    assertThat(admin.put(FAULTS, "{\"failNext\":1}").statusCode()).isEqualTo(200);
    String key = "subscription:api-test-" + UUID.randomUUID() + ":0";

    assertThatThrownBy(() -> simulated.createSubscription(key, "customer-api", "O365-E3", 1, null))
        .isInstanceOf(PartnerCenterUnavailableException.class);
    assertThat(simulated.createSubscription(key, "customer-api", "O365-E3", 1, null)).isNotBlank();
    assertThat(json(admin.get(FAULTS)).path("failNext").asInt()).isZero();
  }

  @Test
  void operatorsAndManagersMayNeitherReadNorSetTheFaults() {
    for (ApiTestClient someone : new ApiTestClient[] {operator, manager}) {
      assertForbidden(someone.get(FAULTS));
      assertForbidden(someone.put(FAULTS, ALL_THREE));
    }
    assertThat(ApiTestClient.anonymous(port).put(FAULTS, ALL_THREE).statusCode()).isEqualTo(401);
    assertThat(simulated.faults().state().failNext()).isZero();
    assertThat(simulated.faults().state().failingUntil()).isNull();
  }

  @Test
  void aRuleBrokenIs422NamingTheField() {
    assertInvalid(admin.put(FAULTS, "{\"failNext\":-1}"), 422, "failNext");
    assertInvalid(admin.put(FAULTS, "{\"failFor\":\"-PT1M\"}"), 422, "failFor");
    assertInvalid(admin.put(FAULTS, "{\"timeoutAfterWork\":\"PT16S\"}"), 422, "timeoutAfterWork");
    assertThat(simulated.faults().state().timeoutAfterWork()).as("nothing applied").isZero();
  }

  @Test
  void anUnreadableValueIs400NamingTheField() {
    assertInvalid(admin.put(FAULTS, "{\"failFor\":\"two minutes\"}"), 400, "failFor");
    assertInvalid(admin.put(FAULTS, "{\"failNext\":2.5}"), 400, "failNext");
    assertInvalid(admin.put(FAULTS, "{\"failNext\":2,\"failAlways\":true}"), 400, "failAlways");
    assertThat(simulated.faults().state().failNext()).as("nothing applied").isZero();
  }

  private static void assertForbidden(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
    assertThat(contentType(response)).startsWith("application/problem+json");
    assertThat(json(response).path("type").asText()).isEqualTo("https://partnerflow.io/problems/forbidden");
  }

  private static void assertInvalid(HttpResponse<String> response, int status, String field) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(contentType(response)).startsWith("application/problem+json");
    JsonNode problem = json(response);
    assertThat(problem.path("type").asText()).isEqualTo(ApiProblemHandler.VALIDATION_TYPE);
    assertThat(problem.path("errors")).singleElement()
        .satisfies(error -> assertThat(error.path("field").asText()).isEqualTo(field));
  }
}
