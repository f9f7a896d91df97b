package io.partnerflow.provisioning;

import io.partnerflow.testsupport.KeyedPartnerCenterStub;
import static io.partnerflow.onboarding.OnboardingDriver.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.testsupport.ProcessTestSupport.RetryCycle;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
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
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * "Provision subscriptions": idempotent however often it runs, and a Partner Center outage ends in
 * an incident after the BPMN's retries, from which a retry recovers.
 *
 * <p>Mock web environment (no server): {@code WebEnvironment.NONE} fails because Camunda's REST
 * starter needs a servlet context. The context is closed after the class because every context
 * registers an engine named "default" with Camunda's static container (processes.xml names it),
 * so a second live context would fail to start.
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class ProvisionSubscriptionsProcessTest {

  /** Partner Center is outside our product: this stand-in can fail and counts what it was asked. */
  static class StandInPartnerCenter extends KeyedPartnerCenterStub {

    final Map<String, String> subscriptionIdByKey = new ConcurrentHashMap<>();
    final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    volatile Set<String> failingOffers = Set.of();

    @Override
    public String createSubscription(String idempotencyKey, String customerId, String offerId, int quantity,
        String resellerPartnerId) {
      calls.add(idempotencyKey);
      if (failingOffers.contains(offerId)) {
        throw new IllegalStateException("Partner Center unavailable: 503 Service Unavailable (" + offerId + ")");
      }
      return subscriptionIdByKey.computeIfAbsent(idempotencyKey, k -> UUID.randomUUID().toString());
    }

    @Override
    public void suspendSubscription(String idempotencyKey, String subscriptionId) {
      calls.add(idempotencyKey);
    }

    void reset() {
      subscriptionIdByKey.clear();
      calls.clear();
      failingOffers = Set.of();
    }
  }

  @TestConfiguration
  static class PartnerCenterStandIn {
    @Bean
    @Primary
    StandInPartnerCenter standInPartnerCenter() {
      return new StandInPartnerCenter();
    }
  }

  @Autowired ProcessEngine processEngine;
  @Autowired RuntimeService runtimeService;
  @Autowired ManagementService managementService;
  @Autowired ProvisioningService provisioning;
  @Autowired StandInPartnerCenter partnerCenter;

  OnboardingDriver driver;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    fixEngineClock();
    driver = new OnboardingDriver(processEngine);
    partnerCenter.reset();
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    partnerCenter.reset();
    ClockUtil.reset();
  }

  @Test
  void provisioningTwiceCreatesOneSubscriptionPerLineAndTheJobThenBuysNothing() {
    ProcessInstance pi = driver.submittedAtProvisioning();
    String customerId = driver.customerId(pi);

    List<SubscriptionRecord> first = provisioning.provision(customerId, "test");
    List<SubscriptionRecord> second = provisioning.provision(customerId, "test");

    assertThat(first).extracting(SubscriptionRecord::lineNumber, SubscriptionRecord::offerId)
        .containsExactly(tuple(0, "O365-E3"),
            tuple(1, "TEAMS-PHONE-STANDARD"));
    assertThat(first).extracting(SubscriptionRecord::id).containsExactly(
        partnerCenter.subscriptionIdByKey.get(ProvisioningService.idempotencyKey(customerId, 0)),
        partnerCenter.subscriptionIdByKey.get(ProvisioningService.idempotencyKey(customerId, 1)));
    assertThat(second).isEqualTo(first);
    assertThat(partnerCenter.calls).hasSize(2);

    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);

    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    assertThat(provisioning.subscriptions(customerId)).isEqualTo(first);
    assertThat(partnerCenter.calls).as("the job found every line provisioned").hasSize(2);
  }

  @Test
  void provisioningAgainAfterTheJobChangesNothing() {
    ProcessInstance pi = driver.submittedAtProvisioning();
    String customerId = driver.customerId(pi);

    driver.executeJob(pi, Ids.PROVISION_SUBSCRIPTIONS);
    List<SubscriptionRecord> afterJob = provisioning.subscriptions(customerId);
    List<SubscriptionRecord> again = provisioning.provision(customerId, "test");

    assertThat(afterJob).hasSize(2);
    assertThat(again).isEqualTo(afterJob);
    assertThat(partnerCenter.calls).containsExactly(ProvisioningService.idempotencyKey(customerId, 0),
        ProvisioningService.idempotencyKey(customerId, 1));
  }

  @Test
  void partnerCenterOutageEndsInAnIncidentAfterTheRetriesAndARetryRecovers() {
    ProcessInstance pi = driver.submittedAtProvisioning();
    String customerId = driver.customerId(pi);
    partnerCenter.failingOffers = Set.of("O365-E3", "TEAMS-PHONE-STANDARD");
    String jobId = driver.job(pi, Ids.PROVISION_SUBSCRIPTIONS).getId();
    assertThat(driver.job(pi, Ids.PROVISION_SUBSCRIPTIONS).getRetries()).isEqualTo(5);

    RetryCycle cycle = driver.runUntilNoRetriesLeft(jobId, "Partner Center unavailable");

    // "PT10S,PT1M,PT5M,PT20M": four retries after the first attempt, then an incident.
    assertThat(cycle.retriesLeft()).containsExactly(4, 3, 2, 1, 0);
    assertThat(cycle.delays()).containsExactly(Duration.ofSeconds(10), Duration.ofMinutes(1), Duration.ofMinutes(5),
        Duration.ofMinutes(20));
    Job failed = managementService.createJobQuery().jobId(jobId).singleResult();
    assertThat(failed.getExceptionMessage()).isEqualTo("Partner Center unavailable: 503 Service Unavailable (O365-E3)");
    assertThat(managementService.getJobExceptionStacktrace(jobId)).contains("IllegalStateException");
    List<Incident> incidents = runtimeService.createIncidentQuery().processInstanceId(pi.getId()).list();
    assertThat(incidents).singleElement().satisfies(incident -> {
      assertThat(incident.getActivityId()).isEqualTo(Ids.PROVISION_SUBSCRIPTIONS);
      assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
      assertThat(incident.getConfiguration()).isEqualTo(jobId);
      assertThat(incident.getIncidentMessage()).contains("Partner Center unavailable");
    });
    assertThat(provisioning.subscriptions(customerId)).isEmpty();
    assertThat(pi).isWaitingAt(Ids.PROVISION_SUBSCRIPTIONS);

    partnerCenter.failingOffers = Set.of();
    managementService.setJobRetries(jobId, 1);
    managementService.executeJob(jobId);

    assertThat(provisioning.subscriptions(customerId)).extracting(SubscriptionRecord::offerId)
        .containsExactly("O365-E3", "TEAMS-PHONE-STANDARD");
    assertThat(runtimeService.createIncidentQuery().processInstanceId(pi.getId()).count()).isZero();
    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
    // A fresh job with the same retry cycle: the first attempt plus its four retries.
    assertThat(driver.job(pi, Ids.SEND_WELCOME_EMAIL).getRetries()).isEqualTo(5);
  }

  @Test
  void aLineThatFailedHalfwayIsNotBoughtTwiceOnRetry() {
    ProcessInstance pi = driver.submittedAtProvisioning();
    String customerId = driver.customerId(pi);
    partnerCenter.failingOffers = Set.of("TEAMS-PHONE-STANDARD");
    String jobId = driver.job(pi, Ids.PROVISION_SUBSCRIPTIONS).getId();

    assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining("TEAMS-PHONE-STANDARD");
    // Partner Center created the E3 subscription, but our transaction rolled back.
    assertThat(provisioning.subscriptions(customerId)).isEmpty();
    String e3Subscription = partnerCenter.subscriptionIdByKey.get(ProvisioningService.idempotencyKey(customerId, 0));
    assertThat(e3Subscription).isNotNull();

    partnerCenter.failingOffers = Set.of();
    managementService.executeJob(jobId);

    assertThat(provisioning.subscriptions(customerId)).extracting(SubscriptionRecord::id).containsExactly(
        e3Subscription, partnerCenter.subscriptionIdByKey.get(ProvisioningService.idempotencyKey(customerId, 1)));
    assertThat(partnerCenter.subscriptionIdByKey).as("subscriptions bought in Partner Center").hasSize(2);
    assertThat(pi).isWaitingAt(Ids.SEND_WELCOME_EMAIL);
  }
}
