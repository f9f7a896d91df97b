package io.partnerflow.e2e;

import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingProcess;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/** A whole {@value OnboardingProcess#PROCESS_KEY} through REST on the embedded default (H2). */
// Each context registers engine "default" with the process application: one context at a time
@DirtiesContext
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "camunda.bpm.job-execution.enabled=true",
    "camunda.bpm.job-execution.wait-time-in-millis=200",
    "camunda.bpm.job-execution.max-wait=1000"})
class OnboardingEndToEndTest {

  @LocalServerPort int port;
  @Autowired JdbcClient jdbc;
  @Autowired EmbeddedMailServer mailServer;

  @Test
  void operatorOnboardsCustomerThroughRestAndContactReceivesSpanishWelcomeMail() throws Exception {
    new OnboardingEndToEndScenario(port, "operator", jdbc, mailServer).runWholeOnboarding();
  }
}
