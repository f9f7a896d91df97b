package io.partnerflow.operations;

import static io.partnerflow.operations.ActuatorClient.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.partnerflow.invitation.ReplyPoller;
import io.partnerflow.mail.EmbeddedMailServer;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Readiness follows the mail server: with SMTP and IMAP gone, the node is not ready and says which
 * components are down (to the monitor; probes see the status), while liveness stays UP (restarting
 * the node would not bring the mail server back).
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    // the invitation reply poller runs on a schedule against the embedded IMAP server
    "partnerflow.invitation.imap.enabled=true",
    "partnerflow.invitation.imap.poll-interval=PT0.5S",
    "partnerflow.operations.smtp-check-cache-for=PT0S"})
@AutoConfigureObservability(tracing = false)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class ReadinessTest {

  @LocalServerPort
  int port;

  @Autowired
  EmbeddedMailServer mailServer;

  @Test
  void withoutTheMailServerTheNodeIsNotReadyNamesWhyAndStaysLive() {
    ActuatorClient http = new ActuatorClient(port);
    JsonNode ready = await(http, "ready with the poller reading", health ->
        "UP".equals(health.path("status").asText())
            && health.at("/components/mailPollers/components/" + ReplyPoller.NAME + "/details/lastSuccess").isTextual());
    assertThat(ready.at("/components/mail/status").asText()).isEqualTo("UP");
    assertThat(http.scrape().sum("partnerflow_readiness_up")).isEqualTo(1);

    mailServer.stop();

    JsonNode down = await(http, "SMTP and the poller down", health ->
        "DOWN".equals(health.at("/components/mail/status").asText())
            && "DOWN".equals(health.at("/components/mailPollers/status").asText()));
    assertThat(down.path("status").asText()).isEqualTo("DOWN");
    assertThat(down.at("/components/mail/details/error").asText()).contains("Connection refused");
    JsonNode poller = down.at("/components/mailPollers/components/" + ReplyPoller.NAME);
    assertThat(poller.path("status").asText()).isEqualTo("DOWN");
    assertThat(poller.at("/details/lastError").asText()).isNotBlank();
    assertThat(poller.at("/details/lagSeconds").asDouble())
        .isGreaterThanOrEqualTo(poller.at("/details/staleAfterSeconds").asDouble());
    assertThat(down.at("/components/db/status").asText()).isEqualTo("UP");
    assertThat(down.at("/components/jobExecutor/status").asText()).isEqualTo("UP");

    // a probe gets 503 and the status alone
    HttpResponse<String> probe = http.get("/actuator/health/readiness");
    assertThat(probe.statusCode()).isEqualTo(503);
    assertThat(json(probe).path("status").asText()).isEqualTo("DOWN");
    assertThat(json(probe).has("components")).isFalse();
    assertThat(http.get("/actuator/health/liveness").statusCode()).isEqualTo(200);

    Scrape scrape = http.scrape();
    assertThat(scrape.sum("partnerflow_readiness_up")).isZero();
    assertThat(scrape.sum("partnerflow_readiness_component_up", "component", "mail")).isZero();
    assertThat(scrape.sum("partnerflow_readiness_component_up", "component", "db")).isEqualTo(1);
    assertThat(scrape.sum("partnerflow_mail_poller_lag_seconds", "poller", ReplyPoller.NAME)).isGreaterThan(1.5);
  }

  /** The monitor's view of readiness once the condition holds; fails after 20 s. */
  private static JsonNode await(ActuatorClient http, String what, Predicate<JsonNode> condition) {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    JsonNode last = null;
    while (Instant.now().isBefore(deadline)) {
      last = json(http.asMonitor("/actuator/health/readiness"));
      if (condition.test(last)) {
        return last;
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
    throw new AssertionError("not " + what + " within 20 s: " + last);
  }
}
