package io.partnerflow.operations;

import static io.partnerflow.operations.ActuatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** Who may call which actuator endpoint, and what each caller sees of the health. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Tests switch metrics export off by default: on, /actuator/prometheus exists as in the product
@AutoConfigureObservability(tracing = false)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ActuatorAccessTest {

  static final List<String> PROTECTED = List.of("/actuator/prometheus", "/actuator/info", "/actuator/metrics",
      "/actuator/metrics/jvm.memory.used", "/actuator");

  @LocalServerPort
  int port;

  ActuatorClient http;

  @BeforeEach
  void client() {
    http = new ActuatorClient(port);
  }

  @Test
  void anonymousCallersSeeTheHealthStatusAlone() {
    HttpResponse<String> response = http.get("/actuator/health");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode health = json(response);
    assertThat(health.path("status").asText()).isEqualTo("UP");
    assertThat(health.has("components")).as(response.body()).isFalse();
    assertThat(health.has("details")).as(response.body()).isFalse();
  }

  @Test
  void anonymousProbesGetLivenessAndReadiness() {
    for (String probe : List.of("/actuator/health/liveness", "/actuator/health/readiness")) {
      HttpResponse<String> response = http.get(probe);
      assertThat(response.statusCode()).as(probe).isEqualTo(200);
      assertThat(json(response).path("status").asText()).as(probe).isEqualTo("UP");
      assertThat(json(response).has("components")).as(response.body()).isFalse();
    }
  }

  @Test
  void anonymousCallersGet401OnEverythingElse() {
    for (String path : PROTECTED) {
      HttpResponse<String> response = http.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Basic realm=\"partnerflow\"");
      assertThat(response.body()).as(path).doesNotContain("partnerflow_", "# TYPE", "\"build\"");
    }
  }

  @Test
  void wrongCredentialsGet401EvenOnHealth() {
    assertThat(http.get("/actuator/prometheus", "nobody", "nothing").statusCode()).isEqualTo(401);
    assertThat(http.get("/actuator/health", "nobody", "nothing").statusCode()).isEqualTo(401);
  }

  @Test
  void operatorsAndManagersAreForbiddenOutsideHealthAndSeeNoDetails() {
    for (String user : List.of("operator", "manager")) {
      for (String path : PROTECTED) {
        assertThat(http.get(path, user, user).statusCode()).as(user + " " + path).isEqualTo(403);
      }
      HttpResponse<String> health = http.get("/actuator/health", user, user);
      assertThat(health.statusCode()).as(user).isEqualTo(200);
      assertThat(json(health).has("components")).as(user + ": " + health.body()).isFalse();
    }
  }

  @Test
  void theMonitorSeesHealthComponentsWithDetails() {
    HttpResponse<String> response = http.asMonitor("/actuator/health");
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode components = json(response).path("components");
    assertThat(components.path("db").path("details").path("database").asText()).isEqualTo("H2");
    assertThat(components.path("mail").path("status").asText()).isEqualTo("UP");
    assertThat(components.path("mail").path("details").path("port").asInt()).isPositive();
    // the tests run without a job executor: that is by configuration, not a failure
    assertThat(components.path("jobExecutor").path("details").path("jobExecution").asText())
        .isEqualTo("disabled on this node");
    assertThat(components.path("mailPollers").path("components").path("invitationReplies").path("details")
        .path("polling").asText()).isEqualTo("disabled");
  }

  @Test
  void readinessIsMadeOfTheDocumentedComponents() {
    HttpResponse<String> response = http.asMonitor("/actuator/health/readiness");
    assertThat(response.statusCode()).isEqualTo(200);
    List<String> names = iterableToList(json(response).path("components").fieldNames());
    assertThat(names).containsExactlyInAnyOrderElementsOf(ReadinessGauges.COMPONENTS);
    HttpResponse<String> liveness = http.asMonitor("/actuator/health/liveness");
    assertThat(iterableToList(json(liveness).path("components").fieldNames())).containsExactly("livenessState");
  }

  @Test
  void theMonitorReadsMetricsAndInfo() {
    HttpResponse<String> prometheus = http.asMonitor("/actuator/prometheus");
    assertThat(prometheus.statusCode()).isEqualTo(200);
    assertThat(prometheus.body()).contains("partnerflow_process_instances_started_total{");
    HttpResponse<String> info = http.asMonitor("/actuator/info");
    assertThat(info.statusCode()).isEqualTo(200);
    assertThat(json(info).path("build").path("artifact").asText()).isEqualTo("partnerflow");
    assertThat(json(info).path("build").path("version").asText()).isNotBlank();
    assertThat(http.asMonitor("/actuator/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void endpointsThatAreNotExposedStayHidden() {
    for (String path : List.of("/actuator/env", "/actuator/beans", "/actuator/heapdump", "/actuator/loggers")) {
      assertThat(http.asMonitor(path).statusCode()).as(path).isEqualTo(404);
    }
  }

  private static List<String> iterableToList(java.util.Iterator<String> names) {
    List<String> out = new java.util.ArrayList<>();
    names.forEachRemaining(out::add);
    return out;
  }
}
