package io.partnerflow.relationship;

import static io.partnerflow.relationship.EndRelationshipProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.Relationship;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.partnercenter.PartnerCenterHttp;
import io.partnerflow.partnercenter.ApiModeSettings;
import io.partnerflow.partnercenter.fake.FakeMicrosoft;
import io.partnerflow.partnercenter.fake.FakeRequest;
import io.partnerflow.provisioning.CustomerTenants;
import io.partnerflow.provisioning.PartnerCenterCall;
import io.partnerflow.provisioning.PartnerCenterTimeoutException;
import io.partnerflow.provisioning.PartnerCenterUnavailableException;
import io.partnerflow.provisioning.ProvisioningService;
import io.partnerflow.provisioning.SubscriptionRecord;
import io.partnerflow.relationship.EndRelationshipProcess.Decisions;
import io.partnerflow.relationship.EndRelationshipProcess.Ids;
import io.partnerflow.relationship.RelationshipRemoval.RemovalRejectedException;
import io.partnerflow.testsupport.CapturedLogs;
import io.partnerflow.testsupport.ProcessTestSupport;
import io.partnerflow.testsupport.ProcessTestSupport.RetryCycle;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "End a customer relationship" in {@code partnerflow.partner-center.mode=api}, against the fake
 * Microsoft on a real port: a customer onboarded in api mode (tenant, agreement, two subscriptions
 * created by the onboarding's provisioning job), then ended. Each test asserts the exact requests
 * Microsoft received and their headers, what our registry holds, and where the process stands, with
 * Microsoft answering late, throttling, failing or refusing. Job executor off; jobs run explicitly.
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class EndRelationshipApiModeTest {

  static final FakeMicrosoft FAKE = new FakeMicrosoft();

  @DynamicPropertySource
  static void apiMode(DynamicPropertyRegistry registry) {
    ApiModeSettings.register(registry, FAKE);
  }

  @AfterAll
  static void stopFake() {
    FAKE.close();
  }

  /** Starts and completes "end relationship" as the operator, the way Tasklist does. */
  static final class Driver extends ProcessTestSupport {
    Driver(ProcessEngine engine) {
      super(engine);
    }

    ProcessInstance start(String customerId) {
      VariableMap v = Variables.createVariables();
      CUSTOMER_ID.putIn(v, customerId);
      REASON.putIn(v, "The customer moves to another partner");
      return startAsOperator(PROCESS_KEY, v);
    }

    void confirmSuspension(ProcessInstance pi) {
      complete(pi, Ids.CONFIRM_SUSPENSION, SUSPENSION_DECISION.putIn(Variables.createVariables(), Decisions.SUSPEND));
    }
  }

  /** A customer onboarded in api mode: its tenant in the fake, and its two subscriptions (E3, Teams Phone). */
  record Onboarded(String customerId, String tenantId, String e3, String teams) {
    String subscriptionPath(String subscriptionId) {
      return "/v1/customers/" + tenantId + "/subscriptions/" + subscriptionId;
    }

    String customerPath() {
      return "/v1/customers/" + tenantId;
    }
  }

  @Autowired ProcessEngine processEngine;
  @Autowired ManagementService managementService;
  @Autowired CustomerRegistry customers;
  @Autowired RelationshipService relationships;
  @Autowired ProvisioningService provisioning;
  @Autowired CustomerTenants tenants;
  @Autowired EmbeddedMailServer mailServer;
  @Autowired JdbcClient jdbc;

  Driver driver;
  String prefix;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    ProcessTestSupport.fixEngineClock();
    driver = new Driver(processEngine);
    prefix = ProcessTestSupport.uniqueDomainPrefix("contoso");
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }

  // --- the whole way -------------------------------------------------------------------------------

  @Test
  void eachSubscriptionIsReadThenSuspendedWithItsETagThenTheRelationshipIsRemovedWithStableIdsAndOneCorrelation()
      throws Exception {
    Onboarded c = onboarded();
    String e3Etag = etag(c.e3());
    String teamsEtag = etag(c.teams());
    ProcessInstance pi = startAndConfirm(c);
    int mark = mark();

    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);

    assertThat(pi).isWaitingAt(Ids.REMOVE_RELATIONSHIP);
    assertThat(statuses(c.customerId())).containsExactly("SUSPENDED", "SUSPENDED");
    assertThat(customers.find(c.customerId()).orElseThrow().relationship()).isEqualTo(Relationship.RESELLER);

    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);
    assertThat(pi).isWaitingAt(Ids.SEND_NOTICE);
    driver.executeJob(pi, Ids.SEND_NOTICE);

    assertThat(pi).isEnded().hasPassed(Ids.SUSPEND_SUBSCRIPTIONS, Ids.REMOVE_RELATIONSHIP, Ids.END_RELATIONSHIP_ENDED)
        .hasNotPassed(Ids.BOUNDARY_STILL_ACTIVE);
    List<FakeRequest> sent = partnerCenterSince(mark);
    assertThat(sent).extracting(r -> r.method() + " " + r.path()).containsExactly(
        "GET " + c.subscriptionPath(c.e3()),
        "PATCH " + c.subscriptionPath(c.e3()),
        "GET " + c.subscriptionPath(c.teams()),
        "PATCH " + c.subscriptionPath(c.teams()),
        "GET " + c.customerPath(),
        "PATCH " + c.customerPath());
    // Suspensions: If-Match is the ETag the GET answered; status suspended
    assertThat(sent.get(1).header("If-Match")).isEqualTo("\"" + e3Etag + "\"");
    assertThat(sent.get(3).header("If-Match")).isEqualTo("\"" + teamsEtag + "\"");
    for (FakeRequest patch : List.of(sent.get(1), sent.get(3))) {
      assertThat(patch.body().path("status").asText()).isEqualTo("suspended");
      assertThat(patch.body().path("attributes").path("objectType").asText()).isEqualTo("Subscription");
    }
    assertThat(sent.get(5).body().path("relationshipToPartner").asText()).isEqualTo("none");
    // Request ids: derived from each logical call (so a retry repeats them), different per subscription
    assertThat(sent.get(0).requestId()).isEqualTo(suspension(pi, c.e3()).then("read").requestId().toString());
    assertThat(sent.get(1).requestId())
        .isEqualTo(suspension(pi, c.e3()).then("etag:\"" + e3Etag + "\"").requestId().toString());
    assertThat(sent.get(3).requestId())
        .isEqualTo(suspension(pi, c.teams()).then("etag:\"" + teamsEtag + "\"").requestId().toString());
    assertThat(sent.get(5).requestId()).isEqualTo(
        new PartnerCenterCall("remove-relationship:" + pi.getId(), pi.getId()).requestId().toString());
    assertThat(sent).extracting(FakeRequest::requestId).doesNotHaveDuplicates();
    // One correlation id for the whole instance, contract v1, a Partner Center bearer token
    String correlation = new PartnerCenterCall("any", pi.getId()).correlationId().toString();
    assertThat(sent).allSatisfy(r -> {
      assertThat(r.header("MS-CorrelationId")).isEqualTo(correlation);
      assertThat(r.header("MS-Contract-Version")).isEqualTo("v1");
      assertThat(r.header("Authorization")).startsWith("Bearer fake-access-partner-center-");
    });
    // Microsoft's state and ours
    assertThat(FAKE.subscriptions.get(c.e3()).path("status").asText()).isEqualTo("suspended");
    assertThat(FAKE.subscriptions.get(c.teams()).path("status").asText()).isEqualTo("suspended");
    assertThat(FAKE.customers.get(c.tenantId()).path("relationshipToPartner").asText()).isEqualTo("none");
    assertThat(statuses(c.customerId())).containsExactly("SUSPENDED", "SUSPENDED");
    assertThat(customers.find(c.customerId()).orElseThrow().relationship()).isEqualTo(Relationship.NONE);
    assertThat(relationships.hasDelegatedAdmin(c.customerId())).isFalse();
    assertThat(relationships.history(c.customerId())).last()
        .satisfies(e -> assertThat(e.source()).isEqualTo(RelationshipService.SOURCE_END_RELATIONSHIP));
    assertThat(ProcessTestSupport.mailsTo(mailServer, "lucia.garcia@" + prefix + ".example")).hasSize(1);
  }

  // --- faults ------------------------------------------------------------------------------------

  @Test
  void aThrottledSuspensionWaitsForRetryAfterWithoutUsingARetryThenSucceedsWithTheSameRequestId() {
    Onboarded c = onboarded();
    ProcessInstance pi = startAndConfirm(c);
    Job before = driver.job(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    FAKE.failNext("PATCH", c.subscriptionPath(c.e3()), 1, 429, 120);
    int mark = mark();

    assertThatThrownBy(() -> driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS))
        .hasMessageContaining("429");

    Job throttled = driver.job(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    assertThat(throttled.getRetries()).as("a 429 is not a failed attempt").isEqualTo(before.getRetries());
    assertThat(throttled.getDuedate().toInstant()).isAfterOrEqualTo(ProcessTestSupport.NOW.plusSeconds(120));
    assertThat(throttled.getExceptionMessage()).contains("429");
    assertThat(incidents(pi)).isEmpty();
    assertThat(statuses(c.customerId())).containsExactly("ACTIVE", "ACTIVE");

    ClockUtil.setCurrentTime(Date.from(throttled.getDuedate().toInstant().plusSeconds(1)));
    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);

    assertThat(pi).isWaitingAt(Ids.REMOVE_RELATIONSHIP);
    List<FakeRequest> patches = FAKE.requests("pc", "PATCH", c.subscriptionPath(c.e3()));
    assertThat(patches).hasSize(2);
    assertThat(patches.get(1).requestId()).as("the same logical call").isEqualTo(patches.get(0).requestId());
    assertThat(partnerCenterSince(mark)).extracting(r -> r.method() + " " + r.path()).containsExactly(
        "GET " + c.subscriptionPath(c.e3()), "PATCH " + c.subscriptionPath(c.e3()),
        "GET " + c.subscriptionPath(c.e3()), "PATCH " + c.subscriptionPath(c.e3()),
        "GET " + c.subscriptionPath(c.teams()), "PATCH " + c.subscriptionPath(c.teams()));
    assertThat(statuses(c.customerId())).containsExactly("SUSPENDED", "SUSPENDED");
  }

  @Test
  void throttlingAnyNumberOfTimesNeverUsesARetryNorBecomesAnIncidentAndWithoutRetryAfterWaits30Seconds() {
    Onboarded c = onboarded();
    ProcessInstance pi = startAndConfirm(c);
    FAKE.failNext("GET", c.subscriptionPath(c.e3()), 7, 429, null);
    Job job = driver.job(pi, Ids.SUSPEND_SUBSCRIPTIONS);

    for (int run = 1; run <= 7; run++) {
      Instant ranAt = ClockUtil.getCurrentTime().toInstant();
      assertThatThrownBy(() -> managementService.executeJob(job.getId())).hasMessageContaining("429");
      Job waiting = managementService.createJobQuery().jobId(job.getId()).singleResult();
      assertThat(waiting.getRetries()).as("run %d", run).isEqualTo(job.getRetries());
      assertThat(waiting.getDuedate().toInstant()).isEqualTo(ranAt.plusSeconds(30));
      assertThat(incidents(pi)).isEmpty();
      ClockUtil.setCurrentTime(Date.from(waiting.getDuedate().toInstant()));
    }
    managementService.executeJob(job.getId());

    assertThat(pi).isWaitingAt(Ids.REMOVE_RELATIONSHIP);
    assertThat(FAKE.requests("pc", "GET", c.subscriptionPath(c.e3()))).hasSize(8);
    assertThat(statuses(c.customerId())).containsExactly("SUSPENDED", "SUSPENDED");
  }

  @Test
  void a500IsRetriedOnceAndTheSubscriptionIsSuspendedOnce() {
    Onboarded c = onboarded();
    ProcessInstance pi = startAndConfirm(c);
    String etagBefore = etag(c.e3());
    FAKE.failNext("PATCH", c.subscriptionPath(c.e3()), 1, 500, null);

    assertThatThrownBy(() -> driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS))
        .isInstanceOf(PartnerCenterUnavailableException.class).hasMessageContaining("500");

    Job failed = driver.job(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    assertThat(failed.getRetries()).isEqualTo(4);
    assertThat(Duration.between(ProcessTestSupport.NOW, failed.getDuedate().toInstant())).isEqualTo(Duration.ofSeconds(10));
    assertThat(etag(c.e3())).as("the 500 changed nothing").isEqualTo(etagBefore);
    assertThat(statuses(c.customerId())).containsExactly("ACTIVE", "ACTIVE");

    ClockUtil.setCurrentTime(Date.from(failed.getDuedate().toInstant().plusSeconds(1)));
    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);

    assertThat(pi).isWaitingAt(Ids.SEND_NOTICE);
    List<FakeRequest> patches = FAKE.requests("pc", "PATCH", c.subscriptionPath(c.e3()));
    assertThat(patches).hasSize(2);
    assertThat(patches.get(1).requestId()).isEqualTo(patches.get(0).requestId());
    // One effective suspension: the ETag changed once (each accepted PATCH changes it)
    assertThat(etag(c.e3())).isNotEqualTo(etagBefore);
    assertThat(FAKE.requests("pc", "PATCH", c.subscriptionPath(c.teams()))).hasSize(1);
    assertThat(suspendedAtCount(c.customerId())).isEqualTo(2);
    assertThat(statuses(c.customerId())).containsExactly("SUSPENDED", "SUSPENDED");
    assertThat(customers.find(c.customerId()).orElseThrow().relationship()).isEqualTo(Relationship.NONE);
  }

  @Test
  void aSuspensionMicrosoftCarriedOutButAnsweredTooLateIsFoundSuspendedByTheRetryAndNotSentAgain() {
    Onboarded c = onboarded();
    ProcessInstance pi = startAndConfirm(c);
    FAKE.answerLate("PATCH", c.subscriptionPath(c.e3()), 1, 3_000);

    assertThatThrownBy(() -> driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS))
        .isInstanceOf(PartnerCenterTimeoutException.class);

    // Microsoft suspended it; we do not know yet
    assertThat(FAKE.subscriptions.get(c.e3()).path("status").asText()).isEqualTo("suspended");
    assertThat(statuses(c.customerId())).containsExactly("ACTIVE", "ACTIVE");
    assertThat(driver.job(pi, Ids.SUSPEND_SUBSCRIPTIONS).getRetries()).isEqualTo(4);

    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);

    assertThat(FAKE.requests("pc", "GET", c.subscriptionPath(c.e3()))).hasSize(2);
    assertThat(FAKE.requests("pc", "PATCH", c.subscriptionPath(c.e3()))).as("no second PATCH").hasSize(1);
    assertThat(statuses(c.customerId())).containsExactly("SUSPENDED", "SUSPENDED");
    assertThat(pi).isWaitingAt(Ids.REMOVE_RELATIONSHIP);
  }

  @Test
  void aStaleETagIsRefusedWith412AndTheRetryReadsTheNewOneAndSucceeds() {
    Onboarded c = onboarded();
    ProcessInstance pi = startAndConfirm(c);
    String first = etag(c.e3());
    FAKE.rejectNext("PATCH", c.subscriptionPath(c.e3()), 412, "412", "The resource was changed: If-Match is stale");

    assertThatThrownBy(() -> driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS))
        .isInstanceOf(PartnerCenterUnavailableException.class).hasMessageContaining("412");

    // A retry with back-off, not an incident: the next run reads again
    assertThat(driver.job(pi, Ids.SUSPEND_SUBSCRIPTIONS).getRetries()).isEqualTo(4);
    assertThat(incidents(pi)).isEmpty();
    // Someone changed the subscription meanwhile (what a real 412 means): a new ETag
    String changed = FakeMicrosoft.newGuid();
    FAKE.subscriptions.get(c.e3()).put("_etag", changed);

    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);

    List<FakeRequest> patches = FAKE.requests("pc", "PATCH", c.subscriptionPath(c.e3()));
    assertThat(patches).extracting(r -> r.header("If-Match")).containsExactly("\"" + first + "\"", "\"" + changed + "\"");
    assertThat(patches.get(1).requestId()).as("a new version, a new request").isNotEqualTo(patches.get(0).requestId());
    assertThat(FAKE.subscriptions.get(c.e3()).path("status").asText()).isEqualTo("suspended");
    assertThat(statuses(c.customerId())).containsExactly("SUSPENDED", "SUSPENDED");
    assertThat(pi).isWaitingAt(Ids.REMOVE_RELATIONSHIP);
  }

  @Test
  void aSuspensionThatFailsWith503EveryTimeBecomesAnIncidentWithMicrosoftsMessageAfterTheRetryCycle() {
    Onboarded c = onboarded();
    ProcessInstance pi = startAndConfirm(c);
    FAKE.failNext("PATCH", c.subscriptionPath(c.e3()), 100, 503, null);
    String jobId = driver.job(pi, Ids.SUSPEND_SUBSCRIPTIONS).getId();

    RetryCycle cycle = driver.runUntilNoRetriesLeft(jobId, "503");

    assertThat(cycle.retriesLeft()).containsExactly(4, 3, 2, 1, 0);
    assertThat(cycle.delays()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(20));
    assertThat(incidents(pi)).singleElement().satisfies(incident -> {
      assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
      assertThat(incident.getActivityId()).isEqualTo(Ids.SUSPEND_SUBSCRIPTIONS);
      assertThat(incident.getIncidentMessage()).contains("503").contains("The service is temporarily unavailable");
    });
    assertThat(FAKE.requests("pc", "PATCH", c.subscriptionPath(c.e3()))).hasSize(5);
    assertThat(FAKE.subscriptions.get(c.e3()).path("status").asText()).isEqualTo("active");
    assertThat(statuses(c.customerId())).containsExactly("ACTIVE", "ACTIVE");
    assertThat(customers.find(c.customerId()).orElseThrow().relationship()).isEqualTo(Relationship.RESELLER);
  }

  // --- the removal -------------------------------------------------------------------------------

  @Test
  void aRemovalMicrosoftCarriedOutButAnsweredTooLateIsRolledBackHereAndTheRetryCommitsItWithoutASecondPatch() {
    Onboarded c = onboarded();
    ProcessInstance pi = startAndConfirm(c);
    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    FAKE.answerLate("PATCH", c.customerPath(), 1, 3_000);

    assertThatThrownBy(() -> driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP))
        .isInstanceOf(PartnerCenterTimeoutException.class);

    // Removed at Microsoft; our registry's change rolled back with the job
    assertThat(FAKE.customers.get(c.tenantId()).path("relationshipToPartner").asText()).isEqualTo("none");
    assertThat(customers.find(c.customerId()).orElseThrow().relationship()).isEqualTo(Relationship.RESELLER);
    assertThat(pi).isWaitingAt(Ids.REMOVE_RELATIONSHIP);

    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);

    assertThat(pi).isWaitingAt(Ids.SEND_NOTICE);
    assertThat(FAKE.requests("pc", "GET", c.customerPath())).hasSize(2);
    assertThat(FAKE.requests("pc", "PATCH", c.customerPath())).as("no second PATCH").hasSize(1);
    assertThat(customers.find(c.customerId()).orElseThrow().relationship()).isEqualTo(Relationship.NONE);
    assertThat(relationships.history(c.customerId())).filteredOn(e -> e.source().equals(
        RelationshipService.SOURCE_END_RELATIONSHIP)).hasSize(1);
  }

  @Test
  void microsoftRefusingTheRemovalIsAnIncidentAtOnceWithItsReasonAndARetryAfterTheFixEndsIt() {
    Onboarded c = onboarded();
    ProcessInstance pi = startAndConfirm(c);
    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    // A subscription bought in Partner Center directly: Microsoft knows it, our registry does not
    String foreign = FakeMicrosoft.newGuid();
    ObjectNode extra = FAKE.json.createObjectNode().put("id", foreign).put("offerId", "CFQ7TTC0LH16:0001:CFQ7TTC0LH17")
        .put("quantity", 1).put("status", "active").put("_tenantId", c.tenantId()).put("_etag", FakeMicrosoft.newGuid());
    FAKE.subscriptions.put(foreign, extra);
    String jobId = driver.job(pi, Ids.REMOVE_RELATIONSHIP).getId();

    assertThatThrownBy(() -> managementService.executeJob(jobId)).isInstanceOf(RemovalRejectedException.class);

    assertThat(managementService.createJobQuery().jobId(jobId).singleResult().getRetries())
        .as("no retry on a timer: the same request would be refused again").isZero();
    assertThat(incidents(pi)).singleElement().satisfies(incident -> {
      assertThat(incident.getActivityId()).isEqualTo(Ids.REMOVE_RELATIONSHIP);
      assertThat(incident.getIncidentMessage())
          .contains("Partner Center refused to end the relationship with customer " + c.customerId())
          .contains(c.tenantId()).contains("800029").contains("The customer has active subscriptions: suspend them first");
    });
    assertThat(customers.find(c.customerId()).orElseThrow().relationship()).isEqualTo(Relationship.RESELLER);
    assertThat(FAKE.customers.get(c.tenantId()).path("relationshipToPartner").asText()).isEqualTo("reseller");
    assertThat(pi).isWaitingAt(Ids.REMOVE_RELATIONSHIP).hasNotPassed(Ids.BOUNDARY_STILL_ACTIVE);

    // The operator suspends it in Partner Center, then retries the job in Cockpit
    extra.put("status", "suspended");
    managementService.setJobRetries(jobId, 1);
    managementService.executeJob(jobId);

    assertThat(incidents(pi)).isEmpty();
    assertThat(pi).isWaitingAt(Ids.SEND_NOTICE);
    assertThat(customers.find(c.customerId()).orElseThrow().relationship()).isEqualTo(Relationship.NONE);
    assertThat(FAKE.customers.get(c.tenantId()).path("relationshipToPartner").asText()).isEqualTo("none");
  }

  @Test
  void aCustomerWithoutActiveSubscriptionsIsRemovedInItsJobNotInTheStartersRequest() {
    Onboarded c = onboarded();
    jdbc.sql("update subscription set status = 'SUSPENDED' where customer_id = ?").param(c.customerId()).update();
    FAKE.subscriptions.get(c.e3()).put("status", "suspended");
    FAKE.subscriptions.get(c.teams()).put("status", "suspended");
    int mark = mark();

    ProcessInstance pi = driver.start(c.customerId());

    assertThat(pi).isWaitingAt(Ids.REMOVE_RELATIONSHIP).hasNotPassed(Ids.CONFIRM_SUSPENSION);
    assertThat(partnerCenterSince(mark)).as("nothing sent from the start's transaction").isEmpty();

    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);

    assertThat(partnerCenterSince(mark)).extracting(r -> r.method() + " " + r.path())
        .containsExactly("GET " + c.customerPath(), "PATCH " + c.customerPath());
    assertThat(pi).isWaitingAt(Ids.SEND_NOTICE);
    assertThat(customers.find(c.customerId()).orElseThrow().relationship()).isEqualTo(Relationship.NONE);
  }

  // --- secrets -----------------------------------------------------------------------------------

  @Test
  void noSecretOrTokenAppearsInAnyLogLineEvenAtDebug() {
    List<ILoggingEvent> events = new ArrayList<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    root.addAppender(appender);
    List<String> verbose = List.of("io.partnerflow", "org.springframework.web", "org.springframework.http",
        "org.springframework.security", "org.camunda.bpm.engine.jobexecutor", "org.camunda.bpm.engine.context");
    Map<String, Level> levels = new java.util.HashMap<>();
    verbose.forEach(name -> {
      Logger logger = (Logger) LoggerFactory.getLogger(name);
      levels.put(name, logger.getLevel());
      logger.setLevel(Level.DEBUG);
    });
    try (CapturedLogs http = CapturedLogs.of(PartnerCenterHttp.class)) {
      Onboarded c = onboarded();
      ProcessInstance pi = startAndConfirm(c);
      FAKE.failNext("PATCH", c.subscriptionPath(c.e3()), 1, 503, null);
      assertThatThrownBy(() -> driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS));
      driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);
      driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);
      assertThat(pi).isWaitingAt(Ids.SEND_NOTICE);

      assertThat(http.atLevel(Level.INFO)).as("the exchanges are logged").anySatisfy(line ->
          assertThat(line).contains("PATCH " + c.customerPath()).contains("MS-RequestId"));
    } finally {
      root.detachAppender(appender);
      verbose.forEach(name -> ((Logger) LoggerFactory.getLogger(name)).setLevel(levels.get(name)));
    }
    synchronized (appender) {
      events.addAll(appender.list);
    }
    assertThat(events).as("DEBUG lines were captured too").anySatisfy(e -> assertThat(e.getLevel()).isEqualTo(Level.DEBUG));
    List<String> secrets = List.of(FakeMicrosoft.CLIENT_SECRET, FakeMicrosoft.REFRESH_TOKEN, "fake-refresh-token",
        "fake-access-", "client_secret");
    for (ILoggingEvent event : events) {
      String text = Stream.concat(Stream.of(event.getFormattedMessage()), throwableTexts(event.getThrowableProxy()))
          .reduce("", (a, b) -> a + "\n" + b);
      for (String secret : secrets) {
        assertThat(text).as("%s logged by %s", secret, event.getLoggerName()).doesNotContain(secret);
      }
    }
    assertThat(FAKE.tokensIssued()).as("tokens were in use").isPositive();
  }

  private static Stream<String> throwableTexts(IThrowableProxy proxy) {
    if (proxy == null) {
      return Stream.empty();
    }
    return Stream.concat(Stream.of(proxy.getClassName() + ": " + proxy.getMessage()),
        throwableTexts(proxy.getCause()));
  }

  // --- helpers -----------------------------------------------------------------------------------

  /** Onboards a Spanish customer with E3 and Teams Phone in api mode, up to its provisioning job's end. */
  private Onboarded onboarded() {
    OnboardingDriver onboarding = new OnboardingDriver(processEngine);
    ProcessInstance pi = onboarding.start(OnboardingDriver.spanishAccountInfo(prefix));
    onboarding.advanceToReview(pi, OnboardingDriver.E3_WITH_TEAMS_PHONE);
    onboarding.review(pi, OnboardingProcess.Decisions.REVIEW_SUBMIT);
    onboarding.executeJob(pi, OnboardingProcess.Ids.PROVISION_SUBSCRIPTIONS);
    String customerId = onboarding.customerId(pi);
    List<SubscriptionRecord> subscriptions = provisioning.subscriptions(customerId);
    assertThat(subscriptions).extracting(SubscriptionRecord::status).containsExactly("ACTIVE", "ACTIVE");
    String tenantId = tenants.tenantOf(customerId).orElseThrow();
    assertThat(FAKE.customers).containsKey(tenantId);
    subscriptions.forEach(s -> assertThat(FAKE.subscriptions.get(s.id()).path("_tenantId").asText()).isEqualTo(tenantId));
    return new Onboarded(customerId, tenantId, subscriptions.get(0).id(), subscriptions.get(1).id());
  }

  private ProcessInstance startAndConfirm(Onboarded c) {
    ProcessInstance pi = driver.start(c.customerId());
    assertThat(pi).isWaitingAt(Ids.CONFIRM_SUSPENSION);
    driver.confirmSuspension(pi);
    assertThat(pi).isWaitingAt(Ids.SUSPEND_SUBSCRIPTIONS);
    return pi;
  }

  private static PartnerCenterCall suspension(ProcessInstance pi, String subscriptionId) {
    return new PartnerCenterCall(CustomerSubscriptions.suspensionKey(pi.getId(), subscriptionId), pi.getId());
  }

  private static String etag(String subscriptionId) {
    return FAKE.subscriptions.get(subscriptionId).path("_etag").asText();
  }

  private static int mark() {
    return FAKE.requests().size();
  }

  /** Partner Center requests (no token requests) since the mark. */
  private static List<FakeRequest> partnerCenterSince(int mark) {
    List<FakeRequest> all = FAKE.requests();
    return all.subList(mark, all.size()).stream().filter(r -> r.api().equals("pc")).toList();
  }

  private List<Incident> incidents(ProcessInstance pi) {
    return processEngine.getRuntimeService().createIncidentQuery().processInstanceId(pi.getId()).list();
  }

  private List<String> statuses(String customerId) {
    return jdbc.sql("select status from subscription where customer_id = ? order by line_number")
        .param(customerId).query(String.class).list();
  }

  private int suspendedAtCount(String customerId) {
    return jdbc.sql("select count(*) from subscription where customer_id = ? and suspended_at is not null")
        .param(customerId).query(Integer.class).single();
  }
}
