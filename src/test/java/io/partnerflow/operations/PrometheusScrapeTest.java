package io.partnerflow.operations;

import static io.partnerflow.onboarding.OnboardingDriver.E3_WITH_TEAMS_PHONE;
import static io.partnerflow.onboarding.OnboardingDriver.spanishAccountInfo;
import static io.partnerflow.testsupport.ProcessTestSupport.fixEngineClock;
import static io.partnerflow.testsupport.ProcessTestSupport.uniqueDomainPrefix;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.Yaml;

/**
 * /actuator/prometheus as Prometheus scrapes it: the business counters move by exactly what an
 * onboarding did, a rolled-back start counts nothing, and every metric the shipped Grafana dashboard
 * and alert rules use is in a real scrape.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
    properties = "partnerflow.operations.engine-metrics-cache-for=PT0S") // see every change at once
@AutoConfigureObservability(tracing = false)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PrometheusScrapeTest {

  static final String STARTED = "partnerflow_process_instances_started_total";
  static final String ENDED = "partnerflow_process_instances_ended_total";
  static final String SENT = "partnerflow_mails_sent_total";
  static final String BACKLOG = "partnerflow_engine_jobs_backlog";
  static final Path DASHBOARD = Path.of("ops/grafana/partnerflow.json");
  static final Path ALERTS = Path.of("ops/prometheus/alerts.yml");

  @LocalServerPort
  int port;

  @Autowired
  ProcessEngine processEngine;

  @Autowired
  EmbeddedMailServer mailServer;

  @Autowired
  TransactionTemplate transaction;

  ActuatorClient http;
  OnboardingDriver driver;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    fixEngineClock();
    http = new ActuatorClient(port);
    driver = new OnboardingDriver(processEngine);
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void anOnboardingToItsEndMovesTheCountersByExactlyWhatItDid() {
    Scrape before = http.scrape();
    int mailsBefore = mailServer.receivedMessages().size();

    ProcessInstance pi = driver.start(spanishAccountInfo(uniqueDomainPrefix("metrics")));
    driver.advanceToReview(pi, E3_WITH_TEAMS_PHONE);
    driver.review(pi, Decisions.REVIEW_SUBMIT);
    // provisioning waits in its job: one more job due now
    assertThat(http.scrape().sum(BACKLOG) - before.sum(BACKLOG)).isEqualTo(1);
    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);
    driver.executeJob(pi, Ids.SEND_WELCOME_EMAIL);
    driver.handOverCredentials(pi);
    assertThat(pi).isEnded().hasPassed(Ids.END_CUSTOMER_ONBOARDED);

    Scrape after = http.scrape();
    String onboarding = OnboardingProcess.PROCESS_KEY;
    assertThat(after.sum(STARTED, "process", onboarding) - before.sum(STARTED, "process", onboarding)).isEqualTo(1);
    assertThat(after.sum(STARTED) - before.sum(STARTED)).as("no other process started").isEqualTo(1);
    assertThat(after.sum(ENDED, "process", onboarding, "end_event", Ids.END_CUSTOMER_ONBOARDED)
        - before.sum(ENDED, "process", onboarding, "end_event", Ids.END_CUSTOMER_ONBOARDED)).isEqualTo(1);
    assertThat(after.sum(ENDED) - before.sum(ENDED)).as("no other end counted").isEqualTo(1);
    assertThat(after.sum(SENT, "template", "welcome") - before.sum(SENT, "template", "welcome")).isEqualTo(1);
    assertThat(after.sum(SENT) - before.sum(SENT)).as("mails counted = mails the server received")
        .isEqualTo(mailServer.receivedMessages().size() - mailsBefore).isEqualTo(1);
    assertThat(after.sum("partnerflow_mails_failed_total") - before.sum("partnerflow_mails_failed_total")).isZero();
    assertThat(after.sum(BACKLOG)).isEqualTo(before.sum(BACKLOG));
  }

  @Test
  void aStartThatRollsBackCountsNothing() {
    Scrape before = http.scrape();
    transaction.executeWithoutResult(status -> {
      ProcessInstance pi = driver.start(spanishAccountInfo(uniqueDomainPrefix("rolledback")));
      assertThat(pi).isWaitingAt(Ids.CONFIRM_CUSTOMER_AGREEMENT);
      status.setRollbackOnly();
    });
    assertThat(http.scrape().sum(STARTED) - before.sum(STARTED)).isZero();
  }

  @Test
  void everyMetricTheDashboardAndAlertsUseIsInARealScrape() throws Exception {
    Set<String> used = new TreeSet<>();
    used.addAll(metricNames(new ObjectMapper().readTree(Files.readString(DASHBOARD)).toString()));
    Object rules = new Yaml().load(Files.readString(ALERTS));
    used.addAll(metricNames(new ObjectMapper().writeValueAsString(rules)));
    assertThat(used).as("metrics named in %s and %s", DASHBOARD, ALERTS)
        .contains(STARTED, ENDED, SENT, BACKLOG, "partnerflow_engine_incidents_open", "partnerflow_readiness_up",
            "partnerflow_mail_poller_lag_seconds");
    assertThat(http.scrape().names()).containsAll(used);
  }

  /** Every partnerflow_* name in the text (PromQL expressions, titles); a histogram's suffixes count as its own. */
  private static Set<String> metricNames(String text) {
    Set<String> names = new TreeSet<>();
    Matcher m = Pattern.compile("partnerflow_[a-zA-Z0-9_]+").matcher(text);
    while (m.find()) {
      names.add(m.group());
    }
    return names;
  }
}
