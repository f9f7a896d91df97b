package io.partnerflow.provisioning;

import static io.partnerflow.onboarding.OnboardingDriver.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.provisioning.SimulatedPartnerCenterRecords.RemoteSubscription;
import io.partnerflow.testsupport.ProcessTestSupport.RetryCycle;
import io.partnerflow.testsupport.CapturedLogs;
import java.time.Duration;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

/**
 * The simulated Partner Center, the one the product runs with, breaking on purpose under the real
 * engine: its faults surface as a real outage would (failed job runs, the BPMN's retries, an
 * incident), and no retry ever leaves a second subscription in our table or in its own.
 *
 * <p>Mock web environment and context closed after the class, as in {@link ProvisionSubscriptionsProcessTest}.
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class SimulatedPartnerCenterProcessTest {

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ProvisioningService provisioning;
  @Autowired PartnerCenterClient partnerCenter;
  @Autowired SimulatedPartnerCenter simulated;
  @Autowired JdbcClient jdbc;

  OnboardingDriver driver;
  CapturedLogs logs;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    fixEngineClock();
    driver = new OnboardingDriver(processEngine);
    simulated.faults().set(PartnerCenterFaults.NONE);
    logs = CapturedLogs.of(SimulatedPartnerCenter.class);
  }

  @AfterEach
  void tearDown() {
    logs.close();
    simulated.faults().set(PartnerCenterFaults.NONE);
    processEngine.getIdentityService().clearAuthentication();
    ClockUtil.reset();
  }

  @Test
  void theSimulatedPartnerCenterIsTheOneProvisioningUses() {
    assertThat(partnerCenter).isSameAs(simulated);
  }

  @Test
  void failNextFailsThatManyJobRunsThenOneSubscriptionPerLineIsCreated() {
    ProcessInstance pi = driver.submittedAtProvisioning();
    String customerId = driver.customerId(pi);
    String jobId = driver.job(pi, Ids.PROVISION_SUBSCRIPTIONS).getId();
    simulated.faults().set(new PartnerCenterFaults(2, null, null));

    for (int run = 1; run <= 2; run++) {
      assertThatThrownBy(() -> managementService.executeJob(jobId))
          .hasMessageContaining("503 Service Unavailable").hasMessageContaining("fail-next");
      assertThat(job(jobId).getRetries()).isEqualTo(5 - run);
      assertThat(remoteSubscriptions(customerId)).as("a 503 comes before any work").isEmpty();
    }
    managementService.executeJob(jobId);

    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    List<SubscriptionRecord> ours = provisioning.subscriptions(customerId);
    assertThat(ours).extracting(SubscriptionRecord::offerId).containsExactly("O365-E3", "TEAMS-PHONE-STANDARD");
    assertThat(remoteSubscriptions(customerId)).extracting(RemoteSubscription::id)
        .containsExactlyElementsOf(ours.stream().map(SubscriptionRecord::id).toList());
    assertThat(remoteSubscriptions(customerId)).extracting(RemoteSubscription::requests).containsExactly(1, 1);
    assertThat(logs.warnings()).hasSize(2).allSatisfy(warning -> assertThat(warning)
        .contains("Simulated Partner Center fault", "createSubscription", "503", "fail-next"));
  }

  @Test
  void failForEndsInAnIncidentAfterTheRetriesAndARetryAfterThePeriodSucceeds() {
    ProcessInstance pi = driver.submittedAtProvisioning();
    String customerId = driver.customerId(pi);
    String jobId = driver.job(pi, Ids.PROVISION_SUBSCRIPTIONS).getId();
    // longer than the whole retry cycle (26 min 10 s), so every run falls inside the outage
    simulated.faults().set(new PartnerCenterFaults(0, Duration.ofHours(1), null));

    RetryCycle cycle = driver.runUntilNoRetriesLeft(jobId, "fail-for");

    assertThat(cycle.retriesLeft()).containsExactly(4, 3, 2, 1, 0);
    assertThat(cycle.delays()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(20));
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).list()).singleElement()
        .satisfies(incident -> {
          assertThat(incident.getActivityId()).isEqualTo(Ids.PROVISION_SUBSCRIPTIONS);
          assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
          assertThat(incident.getIncidentMessage()).contains("503 Service Unavailable", "fail-for");
        });
    assertThat(provisioning.subscriptions(customerId)).isEmpty();
    assertThat(remoteSubscriptions(customerId)).isEmpty();
    assertThat(logs.warnings()).hasSize(5);

    // an operator retries the incident once the outage is over
    ClockUtil.setCurrentTime(Date.from(NOW.plus(Duration.ofHours(1)).plusSeconds(1)));
    managementService.setJobRetries(jobId, 1);
    managementService.executeJob(jobId);

    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    assertThat(provisioning.subscriptions(customerId)).hasSize(2);
    assertThat(remoteSubscriptions(customerId)).hasSize(2).extracting(RemoteSubscription::requests)
        .containsExactly(1, 1);
  }

  @Test
  void afterATimeoutTheRetryFindsWhatTheRemoteCreatedAndNothingIsDoubled() {
    ProcessInstance pi = driver.submittedAtProvisioning();
    String customerId = driver.customerId(pi);
    String jobId = driver.job(pi, Ids.PROVISION_SUBSCRIPTIONS).getId();
    simulated.faults().set(new PartnerCenterFaults(0, null, Duration.ofMillis(200)));

    long started = System.nanoTime();
    assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining("did not answer")
        .hasMessageContaining("timeout-after-work");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(200));

    // Our transaction rolled back; the remote's own one had committed the first line.
    assertThat(job(jobId).getRetries()).isEqualTo(4);
    assertThat(provisioning.subscriptions(customerId)).isEmpty();
    RemoteSubscription e3 = simulated.records().subscriptionByKey(ProvisioningService.idempotencyKey(customerId, 0))
        .orElseThrow();
    assertThat(e3.requests()).isEqualTo(1);
    assertThat(remoteSubscriptions(customerId)).containsExactly(e3);
    assertThat(logs.warnings()).singleElement().satisfies(warning -> assertThat(warning)
        .contains("Simulated Partner Center fault", "carried out", "timeout-after-work"));

    simulated.faults().set(PartnerCenterFaults.NONE);
    managementService.executeJob(jobId);

    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    List<SubscriptionRecord> ours = provisioning.subscriptions(customerId);
    assertThat(ours).extracting(SubscriptionRecord::lineNumber).containsExactly(0, 1);
    assertThat(ours.get(0).id()).as("the subscription the remote created before the timeout").isEqualTo(e3.id());
    assertThat(remoteSubscriptions(customerId)).extracting(RemoteSubscription::id)
        .containsExactlyElementsOf(ours.stream().map(SubscriptionRecord::id).toList());
    assertThat(remoteSubscriptions(customerId)).extracting(RemoteSubscription::requests).containsExactly(2, 1);
  }

  @Test
  void theSameKeyAgainReturnsTheSameSubscriptionAndCountsTheRequest() {
    String key = "subscription:test-" + uniqueDomainPrefix("c") + ":0";

    String first = simulated.createSubscription(key, "customer-1", "O365-E3", 5, null);
    String again = simulated.createSubscription(key, "customer-1", "O365-E3", 5, null);

    assertThat(again).isEqualTo(first);
    assertThat(simulated.records().subscriptionByKey(key)).hasValueSatisfying(remote -> {
      assertThat(remote.id()).isEqualTo(first);
      assertThat(remote.requests()).isEqualTo(2);
      assertThat(remote.status()).isEqualTo(SubscriptionRecord.ACTIVE);
    });
    assertThatThrownBy(() -> simulated.createSubscription(key, "customer-1", "O365-E5", 5, null))
        .hasMessageContaining("409 Conflict");
  }

  @Test
  void suspendingIsIdempotentAndRecordedEvenWhenItsAnswerIsLost() {
    String subscriptionId = simulated.createSubscription("subscription:test-" + uniqueDomainPrefix("s") + ":0",
        "customer-2", "O365-E3", 5, null);
    String key = "suspend:request-1:" + subscriptionId;

    simulated.faults().set(new PartnerCenterFaults(1, null, null));
    assertThatThrownBy(() -> simulated.suspendSubscription(key, subscriptionId)).hasMessageContaining("503");
    assertThat(simulated.records().suspensionByKey(key)).as("refused before any work").isEmpty();
    assertThat(remote(subscriptionId).status()).isEqualTo(SubscriptionRecord.ACTIVE);

    simulated.faults().set(new PartnerCenterFaults(0, null, Duration.ofMillis(50)));
    assertThatThrownBy(() -> simulated.suspendSubscription(key, subscriptionId)).hasMessageContaining("did not answer");
    assertThat(remote(subscriptionId).status()).as("done, though the answer was lost").isEqualTo(SubscriptionRecord.SUSPENDED);

    simulated.faults().set(PartnerCenterFaults.NONE);
    simulated.suspendSubscription(key, subscriptionId);
    simulated.suspendSubscription("suspend:request-2:" + subscriptionId, subscriptionId);

    assertThat(remote(subscriptionId).status()).isEqualTo(SubscriptionRecord.SUSPENDED);
    assertThat(simulated.records().suspensionByKey(key)).hasValueSatisfying(s -> assertThat(s.requests()).isEqualTo(2));
    assertThat(simulated.records().suspensionByKey("suspend:request-2:" + subscriptionId))
        .hasValueSatisfying(s -> assertThat(s.requests()).isEqualTo(1));
  }

  private RemoteSubscription remote(String subscriptionId) {
    return simulated.records().subscription(subscriptionId).orElseThrow();
  }

  private List<RemoteSubscription> remoteSubscriptions(String customerId) {
    return jdbc.sql("select idempotency_key from simulated_partner_center_subscription where customer_id = ?"
            + " order by idempotency_key").param(customerId).query(String.class).list().stream()
        .map(key -> simulated.records().subscriptionByKey(key).orElseThrow()).toList();
  }

  private Job job(String jobId) {
    return managementService.createJobQuery().jobId(jobId).singleResult();
  }
}
