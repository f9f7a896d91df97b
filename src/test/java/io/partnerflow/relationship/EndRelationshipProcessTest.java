package io.partnerflow.relationship;

import io.partnerflow.testsupport.KeyedPartnerCenterStub;
import static io.partnerflow.relationship.EndRelationshipProcess.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.customer.Relationship;
import io.partnerflow.customer.RelationshipEvent;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.mail.TemplatedMailService;
import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.provisioning.PartnerCenterClient;
import io.partnerflow.provisioning.ProvisioningService;
import io.partnerflow.provisioning.SubscriptionRecord;
import io.partnerflow.relationship.EndRelationshipProcess.Decisions;
import io.partnerflow.relationship.EndRelationshipProcess.Ids;
import io.partnerflow.testsupport.ProcessTestSupport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Incident;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * "End a customer relationship": one test per gateway outcome and end event, the race with a new
 * order, and a suspension job that fails halfway. Each checks where the process stands, what the
 * registry and Partner Center hold, and which mail went out.
 *
 * <p>Mock web environment ({@code NONE} does not start: Camunda's REST starter needs a servlet
 * context); the context is closed after the class because only one engine context may live.
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class EndRelationshipProcessTest {

  static final String PARTNER_NAME = "Northwind Cloud Partners";
  static final String REASON_TEXT = "The customer moves to another partner";
  static final ObjectMapper JSON = new ObjectMapper();

  /** Partner Center is outside our product: this stand-in can fail, runs a hook, and counts calls. */
  static class StandInPartnerCenter extends KeyedPartnerCenterStub {

    final Map<String, String> subscriptionIdByKey = new ConcurrentHashMap<>();
    /** Every suspension asked for, by subscription id, failed ones included. */
    final List<String> suspendCalls = Collections.synchronizedList(new ArrayList<>());
    /** Subscriptions Partner Center suspended, with the key that did it. */
    final Map<String, String> suspendedKeyById = new ConcurrentHashMap<>();
    volatile Set<String> failingSubscriptions = Set.of();
    volatile Consumer<String> onSuspend = id -> {};

    @Override
    public String createSubscription(String idempotencyKey, String customerId, String offerId, int quantity,
        String resellerPartnerId) {
      return subscriptionIdByKey.computeIfAbsent(idempotencyKey, k -> UUID.randomUUID().toString());
    }

    @Override
    public void suspendSubscription(String idempotencyKey, String subscriptionId) {
      suspendCalls.add(subscriptionId);
      if (failingSubscriptions.contains(subscriptionId)) {
        throw new IllegalStateException("Partner Center unavailable: 503 Service Unavailable (" + subscriptionId + ")");
      }
      suspendedKeyById.putIfAbsent(subscriptionId, idempotencyKey);
      onSuspend.accept(subscriptionId);
    }

    void reset() {
      subscriptionIdByKey.clear();
      suspendCalls.clear();
      suspendedKeyById.clear();
      failingSubscriptions = Set.of();
      onSuspend = id -> {};
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

  /** Starts and completes "end relationship" the way Tasklist does, as the operator. */
  static final class Driver extends ProcessTestSupport {

    Driver(ProcessEngine engine) {
      super(engine);
    }

    /** The start form, as the customer page prefills it. */
    ProcessInstance start(String customerId) {
      VariableMap v = Variables.createVariables();
      CUSTOMER_ID.putIn(v, customerId);
      REASON.putIn(v, REASON_TEXT);
      return startAsOperator(PROCESS_KEY, v);
    }

    void confirmSuspension(ProcessInstance pi, String decision) {
      complete(pi, Ids.CONFIRM_SUSPENSION, SUSPENSION_DECISION.putIn(Variables.createVariables(), decision));
    }

    Map<String, Object> vars(ProcessInstance pi) {
      return runtimeService.getVariables(pi.getId());
    }
  }

  @Autowired ProcessEngine processEngine;
  @Autowired HistoryService historyService;
  @Autowired StandInPartnerCenter partnerCenter;
  @Autowired CustomerRegistry customers;
  @Autowired RelationshipService relationships;
  @Autowired ProvisioningService provisioning;
  @Autowired TemplatedMailService mailService;
  @Autowired EmbeddedMailServer mailServer;
  @Autowired PlatformTransactionManager transactionManager;
  @Autowired JdbcClient jdbc;

  Driver driver;
  String prefix;

  @BeforeEach
  void setUp() {
    BpmnAwareTests.init(processEngine);
    ProcessTestSupport.fixEngineClock();
    driver = new Driver(processEngine);
    partnerCenter.reset();
    prefix = ProcessTestSupport.uniqueDomainPrefix("contoso");
  }

  @AfterEach
  void tearDown() {
    processEngine.getIdentityService().clearAuthentication();
    partnerCenter.reset();
    ClockUtil.reset();
  }

  // --- active subscriptions -------------------------------------------------------------------

  @Test
  void activeSubscriptionsAreConfirmedSuspendedOnceThenTheRelationshipEndsAndTheCustomerIsToldInSpanish()
      throws Exception {
    String customerId = onboardedSpanishCustomerWithE3AndTeamsPhone();
    jdbc.sql("update customer set delegated_admin = true where id = ?").param(customerId).update();
    List<SubscriptionRecord> ordered = provisioning.subscriptions(customerId);

    ProcessInstance pi = driver.start(customerId);

    assertThat(pi).isWaitingAt(Ids.CONFIRM_SUSPENSION).hasPassed(Ids.CHECK_SUBSCRIPTIONS, Ids.GATEWAY_HAS_ACTIVE)
        .hasNotPassed(Ids.REMOVE_RELATIONSHIP);
    assertThat(driver.task(pi, Ids.CONFIRM_SUSPENSION)).satisfies(task -> assertThat(
        processEngine.getTaskService().getIdentityLinksForTask(task.getId()))
        .extracting(IdentityLink::getGroupId).containsExactly("operators"));
    Map<String, Object> vars = driver.vars(pi);
    assertThat(COMPANY_NAME.from(vars)).isEqualTo("Contoso Ibérica " + prefix);
    assertThat(DOMAIN_PREFIX.from(vars)).isEqualTo(prefix);
    assertThat(INITIATOR.from(vars)).isEqualTo(ProcessTestSupport.OPERATOR);
    assertThat(END_RELATIONSHIP_ERRORS.from(vars)).isEmpty();
    assertThat(HAS_ACTIVE_SUBSCRIPTIONS.from(vars)).isTrue();
    assertThat(ACTIVE_SUBSCRIPTIONS.from(vars)).containsExactly(
        new ActiveSubscription(ordered.get(0).id(), "O365-E3", "Office 365 E3", 25, OnboardingDriver.RESELLER_ADATUM_PARTNER_ID),
        new ActiveSubscription(ordered.get(1).id(), "TEAMS-PHONE-STANDARD", "Teams Phone Standard", 10,
            OnboardingDriver.RESELLER_ADATUM_PARTNER_ID));

    driver.confirmSuspension(pi, Decisions.SUSPEND);

    // Confirmed in the task's transaction; Partner Center is called from the job
    assertThat(pi).isWaitingAt(Ids.SUSPEND_SUBSCRIPTIONS).hasPassed(Ids.GATEWAY_SUSPENSION_DECISION);
    assertThat(statuses(customerId)).containsExactly("ACTIVE", "ACTIVE");
    assertThat(partnerCenter.suspendCalls).isEmpty();

    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);

    assertThat(pi).isWaitingAt(Ids.SEND_NOTICE).hasPassed(Ids.SUSPEND_SUBSCRIPTIONS, Ids.REMOVE_RELATIONSHIP)
        .hasNotPassed(Ids.BOUNDARY_STILL_ACTIVE);
    assertThat(partnerCenter.suspendCalls).containsExactly(ordered.get(0).id(), ordered.get(1).id());
    assertThat(partnerCenter.suspendedKeyById).containsEntry(ordered.get(0).id(),
        CustomerSubscriptions.suspensionKey(pi.getId(), ordered.get(0).id()));
    assertThat(statuses(customerId)).containsExactly("SUSPENDED", "SUSPENDED");
    assertThat(suspendedAt(customerId)).containsExactly(ProcessTestSupport.NOW, ProcessTestSupport.NOW);
    assertRelationshipEnded(customerId);
    assertThat(mailsTo(contactEmail())).isEmpty();

    driver.executeJob(pi, Ids.SEND_NOTICE);

    assertThat(pi).isEnded().hasPassed(Ids.SEND_NOTICE, Ids.END_RELATIONSHIP_ENDED)
        .hasNotPassed(Ids.END_CANCELLED, Ids.END_NOTHING_TO_END);
    MimeMessage mail = onlyMailTo(contactEmail());
    assertThat(mail.getSubject())
        .isEqualTo(PARTNER_NAME + " ya no es el revendedor de Microsoft de Contoso Ibérica " + prefix);
    assertThat(mail.getAllRecipients()).extracting(a -> ((InternetAddress) a).getPersonal())
        .containsExactly("Lucía García");
    assertThat(text(mail))
        .contains("Hola, Lucía García:")
        .contains(PARTNER_NAME + " ha finalizado su relación de revendedor con Contoso Ibérica " + prefix + " ("
            + prefix + ".onmicrosoft.com).")
        .contains("Se han suspendido las siguientes suscripciones que " + PARTNER_NAME + " administraba para usted:")
        .contains("Office 365 E3", "Teams Phone Standard", ordered.get(0).id(), ordered.get(1).id())
        .contains(PARTNER_NAME + " ya no tiene privilegios de administración delegada en su inquilino.")
        .contains("Puede solicitar una nueva relación de revendedor con " + PARTNER_NAME + " en cualquier momento");
    assertThat(ProcessTestSupport.bodyPart(mail, "text/html"))
        .contains("lang=\"es\"")
        .contains(ordered.get(0).id())
        .contains("privilegios de administración delegada");
    assertThat(mailService.wasSent(RelationshipEndedMailer.idempotencyKey(customerId, pi.getId()))).isTrue();
  }

  @Test
  void aSuspensionJobThatFailsHalfwayNeverSuspendsASubscriptionTwice() {
    String customerId = insertCustomer("es-ES", "es", Relationship.RESELLER, true);
    String e3 = insertSubscription(customerId, 0, "O365-E3", "ACTIVE");
    String basic = insertSubscription(customerId, 1, "M365-BUSINESS-BASIC", "ACTIVE");
    ProcessInstance pi = driver.start(customerId);
    driver.confirmSuspension(pi, Decisions.SUSPEND);
    partnerCenter.failingSubscriptions = Set.of(basic);

    assertThatThrownBy(() -> driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS))
        .hasMessageContaining("Partner Center unavailable");

    // The first suspension stands, as it does in Partner Center; the job waits for its retry
    assertThat(pi).isWaitingAt(Ids.SUSPEND_SUBSCRIPTIONS).hasNotPassed(Ids.REMOVE_RELATIONSHIP);
    assertThat(driver.job(pi, Ids.SUSPEND_SUBSCRIPTIONS).getRetries()).isEqualTo(4);
    assertThat(statuses(customerId)).containsExactly("SUSPENDED", "ACTIVE");
    assertThat(customers.find(customerId).orElseThrow().relationship()).isEqualTo(Relationship.RESELLER);

    partnerCenter.failingSubscriptions = Set.of();
    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);

    assertThat(pi).isWaitingAt(Ids.SEND_NOTICE).hasPassed(Ids.REMOVE_RELATIONSHIP);
    assertThat(partnerCenter.suspendCalls).as("the retry left the suspended E3 alone").containsExactly(e3, basic, basic);
    assertThat(partnerCenter.suspendedKeyById).containsOnlyKeys(e3, basic);
    assertThat(statuses(customerId)).containsExactly("SUSPENDED", "SUSPENDED");
    assertRelationshipEnded(customerId);
  }

  @Test
  void cancellingKeepsTheRelationshipAndEverySubscriptionActive() throws Exception {
    String customerId = insertCustomer("it-IT", "it", Relationship.RESELLER, true);
    insertSubscription(customerId, 0, "M365-BUSINESS-PREMIUM", "ACTIVE");
    ProcessInstance pi = driver.start(customerId);
    assertThat(pi).isWaitingAt(Ids.CONFIRM_SUSPENSION);

    driver.confirmSuspension(pi, Decisions.CANCEL);

    assertThat(pi).isEnded().hasPassed(Ids.GATEWAY_SUSPENSION_DECISION, Ids.END_CANCELLED)
        .hasNotPassed(Ids.SUSPEND_SUBSCRIPTIONS, Ids.REMOVE_RELATIONSHIP, Ids.SEND_NOTICE);
    assertThat(statuses(customerId)).containsExactly("ACTIVE");
    assertThat(partnerCenter.suspendCalls).isEmpty();
    CustomerRecord customer = customers.find(customerId).orElseThrow();
    assertThat(customer.relationship()).isEqualTo(Relationship.RESELLER);
    assertThat(customer.version()).isZero();
    assertThat(relationships.hasDelegatedAdmin(customerId)).isTrue();
    assertThat(relationships.history(customerId)).isEmpty();
    assertThat(mailsTo(contactEmail())).isEmpty();
  }

  // --- no active subscriptions ----------------------------------------------------------------

  @Test
  void aCustomerWithoutActiveSubscriptionsGoesStraightToRemovalAndIsToldInRussian() throws Exception {
    String customerId = insertCustomer("ru-RU", "ru", Relationship.RESELLER, true);
    insertContact(customerId, "Ирина", "Петрова");

    ProcessInstance pi = driver.start(customerId);

    // Checked in the start transaction; the removal (Partner Center's too) waits in its job
    assertThat(pi).isWaitingAt(Ids.REMOVE_RELATIONSHIP).hasNotPassed(Ids.CONFIRM_SUSPENSION);
    assertThat(customers.find(customerId).orElseThrow().relationship()).isEqualTo(Relationship.RESELLER);
    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);

    assertThat(pi).isWaitingAt(Ids.SEND_NOTICE)
        .hasPassed(Ids.CHECK_SUBSCRIPTIONS, Ids.GATEWAY_HAS_ACTIVE, Ids.REMOVE_RELATIONSHIP)
        .hasNotPassed(Ids.CONFIRM_SUSPENSION, Ids.SUSPEND_SUBSCRIPTIONS);
    assertThat(HAS_ACTIVE_SUBSCRIPTIONS.from(driver.vars(pi))).isFalse();
    assertThat(ACTIVE_SUBSCRIPTIONS.from(driver.vars(pi))).isEmpty();
    assertRelationshipEnded(customerId);

    driver.executeJob(pi, Ids.SEND_NOTICE);

    assertThat(pi).isEnded().hasPassed(Ids.END_RELATIONSHIP_ENDED);
    assertThat(partnerCenter.suspendCalls).isEmpty();
    MimeMessage mail = onlyMailTo(contactEmail());
    assertThat(mail.getSubject()).isEqualTo("Компания «" + PARTNER_NAME
        + "» больше не является реселлером Microsoft для компании «Contoso " + prefix + "»");
    assertThat(text(mail))
        .contains("Здравствуйте, Ирина Петрова!")
        .contains("прекратила отношения реселлера")
        .contains("делегированных прав администратора")
        .doesNotContain("приостановлены");
  }

  @Test
  void aCustomerThatJoinedByInvitationIsToldInItalianAtTheAdminWhoAccepted() throws Exception {
    String customerId = insertCustomer("it-IT", "it", Relationship.RESELLER, false);
    String admin = "giulia.rossi@" + prefix + ".example";
    insertAcceptedInvitation(customerId, admin, "Giulia Rossi");

    ProcessInstance pi = driver.start(customerId);
    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);
    driver.executeJob(pi, Ids.SEND_NOTICE);

    assertThat(pi).isEnded().hasPassed(Ids.REMOVE_RELATIONSHIP, Ids.END_RELATIONSHIP_ENDED);
    MimeMessage mail = onlyMailTo(admin);
    assertThat(mail.getSubject()).isEqualTo(PARTNER_NAME + " non è più il rivenditore Microsoft di Contoso " + prefix);
    assertThat(text(mail)).contains("Gentile Giulia Rossi,").contains("ha terminato il rapporto di rivendita")
        .contains("Può richiedere un nuovo rapporto di rivendita");
  }

  // --- nothing to end -------------------------------------------------------------------------

  @Test
  void anUnknownCustomerEndsAtNoRelationshipToEnd() {
    String unknown = UUID.randomUUID().toString();

    ProcessInstance pi = driver.start(unknown);

    assertThat(pi).isEnded().hasPassed(Ids.BOUNDARY_NO_RELATIONSHIP, Ids.END_NOTHING_TO_END)
        .hasNotPassed(Ids.GATEWAY_HAS_ACTIVE, Ids.REMOVE_RELATIONSHIP);
    Map<String, Object> vars = historicVars(pi);
    assertThat(ProcessTestSupport.brokenRules(END_RELATIONSHIP_ERRORS, vars))
        .containsExactly("customerId/customer-unknown");
    assertThat(END_RELATIONSHIP_ERRORS.from(vars)).contains(unknown);
  }

  @Test
  void aCustomerWithoutRelationshipEndsAtNoRelationshipToEndAndNothingChanges() {
    String customerId = insertCustomer("es-ES", "es", Relationship.NONE, false);

    ProcessInstance pi = driver.start(customerId);

    assertThat(pi).isEnded().hasPassed(Ids.BOUNDARY_NO_RELATIONSHIP, Ids.END_NOTHING_TO_END)
        .hasNotPassed(Ids.REMOVE_RELATIONSHIP);
    Map<String, Object> vars = historicVars(pi);
    assertThat(ProcessTestSupport.brokenRules(END_RELATIONSHIP_ERRORS, vars))
        .containsExactly("customerId/no-relationship");
    assertThat(COMPANY_NAME.from(vars)).isEqualTo("Contoso " + prefix);
    assertThat(customers.find(customerId).orElseThrow().version()).isZero();
    assertThat(relationships.history(customerId)).isEmpty();
  }

  // --- a new order meanwhile ------------------------------------------------------------------

  @Test
  void aSubscriptionOrderedDuringTheSuspensionSendsTheProcessBackToTheCheckAndTheOperatorConfirmsAgain()
      throws Exception {
    String customerId = insertCustomer("es-ES", "es", Relationship.RESELLER, true);
    insertContact(customerId, "Lucía", "García");
    String e3 = insertSubscription(customerId, 0, "O365-E3", "ACTIVE");
    ProcessInstance pi = driver.start(customerId);
    driver.confirmSuspension(pi, Decisions.SUSPEND);
    // Another operator's order commits while our job suspends E3, before the removal
    String[] ordered = new String[1];
    partnerCenter.onSuspend = id -> {
      if (ordered[0] == null) {
        ordered[0] = inItsOwnTransaction(() -> insertSubscription(customerId, 1, "POWER-BI-PRO", "ACTIVE"));
      }
    };

    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);

    assertThat(pi).isWaitingAt(Ids.CONFIRM_SUSPENSION)
        .hasPassed(Ids.REMOVE_RELATIONSHIP, Ids.BOUNDARY_STILL_ACTIVE, Ids.CHECK_SUBSCRIPTIONS)
        .hasNotPassed(Ids.SEND_NOTICE);
    Map<String, Object> vars = driver.vars(pi);
    assertThat(ACTIVE_SUBSCRIPTIONS.from(vars)).extracting(ActiveSubscription::subscriptionId, ActiveSubscription::offerName)
        .containsExactly(tuple(ordered[0], "Power BI Pro"));
    assertThat(SUSPENSION_DECISION.from(vars)).as("the operator decides again").isNull();
    assertThat(vars.get("errorMessage")).asString().contains("still has active subscriptions");
    assertThat(statuses(customerId)).containsExactly("SUSPENDED", "ACTIVE");
    assertThat(customers.find(customerId).orElseThrow().relationship()).isEqualTo(Relationship.RESELLER);
    assertThat(relationships.history(customerId)).isEmpty();

    driver.confirmSuspension(pi, Decisions.SUSPEND);
    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);
    driver.executeJob(pi, Ids.SEND_NOTICE);

    assertThat(pi).isEnded().hasPassed(Ids.END_RELATIONSHIP_ENDED);
    assertThat(partnerCenter.suspendCalls).containsExactly(e3, ordered[0]);
    assertThat(statuses(customerId)).containsExactly("SUSPENDED", "SUSPENDED");
    assertRelationshipEnded(customerId);
    assertThat(text(onlyMailTo(contactEmail()))).contains("Office 365 E3", "Power BI Pro");
  }

  @Test
  void aSubscriptionOrderedAfterTheConfirmationIsNotSuspendedUntilTheOperatorConfirmsIt() {
    String customerId = insertCustomer("es-ES", "es", Relationship.RESELLER, false);
    insertContact(customerId, "Lucía", "García");
    String e3 = insertSubscription(customerId, 0, "O365-E3", "ACTIVE");
    ProcessInstance pi = driver.start(customerId);
    driver.confirmSuspension(pi, Decisions.SUSPEND);
    String orderedMeanwhile = insertSubscription(customerId, 1, "EXCHANGE-ONLINE-P1", "ACTIVE");

    driver.executeJob(pi, Ids.SUSPEND_SUBSCRIPTIONS);
    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);

    assertThat(pi).isWaitingAt(Ids.CONFIRM_SUSPENSION).hasPassed(Ids.BOUNDARY_STILL_ACTIVE);
    assertThat(partnerCenter.suspendCalls).containsExactly(e3);
    assertThat(ACTIVE_SUBSCRIPTIONS.from(driver.vars(pi))).extracting(ActiveSubscription::subscriptionId)
        .containsExactly(orderedMeanwhile);

    driver.confirmSuspension(pi, Decisions.CANCEL);

    assertThat(pi).isEnded().hasPassed(Ids.END_CANCELLED);
    assertThat(statuses(customerId)).containsExactly("SUSPENDED", "ACTIVE");
    assertThat(customers.find(customerId).orElseThrow().relationship()).isEqualTo(Relationship.RESELLER);
  }

  @Test
  void anOnboardingWhoseCustomerIsNoLongerOursCannotOrderAndEndsInAnIncident() {
    OnboardingDriver onboarding = new OnboardingDriver(processEngine);
    ProcessInstance onboardingPi = onboarding.start(OnboardingDriver.spanishAccountInfo(prefix));
    onboarding.advanceToReview(onboardingPi, OnboardingDriver.E3_WITH_TEAMS_PHONE);
    onboarding.review(onboardingPi, OnboardingProcess.Decisions.REVIEW_SUBMIT);
    String customerId = OnboardingProcess.CUSTOMER_ID.from(
        processEngine.getRuntimeService().getVariables(onboardingPi.getId()));

    // Ended before anything was ordered: nothing active, so straight to removal
    ProcessInstance pi = driver.start(customerId);
    driver.executeJob(pi, Ids.REMOVE_RELATIONSHIP);
    assertThat(pi).isWaitingAt(Ids.SEND_NOTICE).hasNotPassed(Ids.CONFIRM_SUSPENSION);
    String jobId = onboarding.job(onboardingPi, OnboardingProcess.Ids.PROVISION_SUBSCRIPTIONS).getId();

    // Every attempt is refused, until the retries are used up
    for (int attempt = 1; attempt <= 10; attempt++) {
      assertThatThrownBy(() -> processEngine.getManagementService().executeJob(jobId))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("not its reseller");
      Job job = processEngine.getManagementService().createJobQuery().jobId(jobId).singleResult();
      if (job.getRetries() == 0) {
        break;
      }
      ClockUtil.setCurrentTime(Date.from(job.getDuedate().toInstant().plusSeconds(1)));
    }

    assertThat(processEngine.getRuntimeService().createIncidentQuery().processInstanceId(onboardingPi.getId()).list())
        .singleElement().satisfies(incident -> {
          assertThat(incident.getIncidentType()).isEqualTo(Incident.FAILED_JOB_HANDLER_TYPE);
          assertThat(incident.getActivityId()).isEqualTo(OnboardingProcess.Ids.PROVISION_SUBSCRIPTIONS);
        });
    assertThat(provisioning.subscriptions(customerId)).isEmpty();
    assertThat(partnerCenter.subscriptionIdByKey).isEmpty();
  }

  // --- forms ----------------------------------------------------------------------------------

  @Test
  void tasklistFindsBothFormsInTheDeploymentAndTheySubmitTheContractsVariables() throws Exception {
    String customerId = insertCustomer("es-ES", "es", Relationship.RESELLER, false);
    insertSubscription(customerId, 0, "O365-E3", "ACTIVE");
    String definitionId = processEngine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(PROCESS_KEY).latestVersion().singleResult().getId();
    ProcessInstance pi = driver.start(customerId);

    JsonNode startForm = JSON.readTree(processEngine.getFormService().getDeployedStartForm(definitionId));
    JsonNode taskForm = JSON.readTree(processEngine.getFormService()
        .getDeployedTaskForm(driver.task(pi, Ids.CONFIRM_SUSPENSION).getId()));

    assertThat(startForm.get("id").asText()).isEqualTo("form-end-relationship-request");
    assertThat(keys(startForm)).containsExactly(CUSTOMER_ID.name(), REASON.name());
    assertThat(taskForm.get("id").asText()).isEqualTo("form-confirm-suspension");
    assertThat(keys(taskForm)).containsExactly(SUSPENSION_DECISION.name());
    assertThat(taskForm.findValuesAsText("value")).containsExactly(Decisions.SUSPEND, Decisions.CANCEL);
    assertThat(taskForm.findValuesAsText("dataSource")).containsExactly("=" + ACTIVE_SUBSCRIPTIONS.name());
    assertThat(taskForm.toString()).contains("{{" + COMPANY_NAME.name() + "}}", "{{" + DOMAIN_PREFIX.name() + "}}");
  }

  private static List<String> keys(JsonNode form) {
    return form.findValuesAsText("key").stream()
        .filter(key -> !List.of("offerName", "quantity", "subscriptionId").contains(key)) // table columns
        .toList();
  }

  // --- helpers --------------------------------------------------------------------------------

  private String onboardedSpanishCustomerWithE3AndTeamsPhone() {
    OnboardingDriver onboarding = new OnboardingDriver(processEngine);
    ProcessInstance pi = onboarding.start(OnboardingDriver.spanishAccountInfo(prefix));
    onboarding.advanceToReview(pi, OnboardingDriver.E3_WITH_TEAMS_PHONE);
    onboarding.review(pi, OnboardingProcess.Decisions.REVIEW_SUBMIT);
    onboarding.executeJob(pi, OnboardingProcess.Ids.PROVISION_SUBSCRIPTIONS);
    String customerId = OnboardingProcess.CUSTOMER_ID.from(processEngine.getRuntimeService().getVariables(pi.getId()));
    assertThat(provisioning.subscriptions(customerId)).extracting(SubscriptionRecord::status)
        .containsExactly("ACTIVE", "ACTIVE");
    return customerId;
  }

  private void assertRelationshipEnded(String customerId) {
    CustomerRecord customer = customers.find(customerId).orElseThrow();
    assertThat(customer.relationship()).isEqualTo(Relationship.NONE);
    assertThat(relationships.hasDelegatedAdmin(customerId)).isFalse();
    assertThat(relationships.history(customerId)).last().isEqualTo(new RelationshipEvent("NONE", false,
        ProcessTestSupport.NOW, ProcessTestSupport.OPERATOR, RelationshipService.SOURCE_END_RELATIONSHIP, null));
  }

  private String contactEmail() {
    return "lucia.garcia@" + prefix + ".example";
  }

  private String insertCustomer(String culture, String language, Relationship relationship, boolean delegatedAdmin) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into customer (id, company_name, domain_prefix, culture, language, relationship, admin_user_name,
          delegated_admin, created_by, created_at, version)
        values (?, ?, ?, ?, ?, ?, ?, ?, 'test', ?, 0)""")
        .params(id, "Contoso " + prefix, prefix, culture, language, relationship.name(),
            "admin@" + prefix + ".onmicrosoft.com", delegatedAdmin, Timestamp.from(ProcessTestSupport.NOW))
        .update();
    return id;
  }

  private void insertContact(String customerId, String firstName, String lastName) {
    jdbc.sql("insert into contact (customer_id, role, first_name, last_name, email) values (?, ?, ?, ?, ?)")
        .params(customerId, CustomerRegistry.PRIMARY_CONTACT, firstName, lastName, contactEmail()).update();
  }

  private String insertSubscription(String customerId, int lineNumber, String offerId, String status) {
    String id = UUID.randomUUID().toString();
    jdbc.sql("""
        insert into subscription (id, customer_id, line_number, offer_id, quantity, status, provisioned_at)
        values (?, ?, ?, ?, 5, ?, ?)""")
        .params(id, customerId, lineNumber, offerId, status, Timestamp.from(ProcessTestSupport.NOW))
        .update();
    return id;
  }

  private void insertAcceptedInvitation(String customerId, String adminEmail, String answeredByName) {
    jdbc.sql("""
        insert into invitation (id, company_name, domain_prefix, customer_id, admin_email, language,
          include_delegated_admin, reply_reference, status, send_count, answered_at, answered_by_name,
          answered_by_email, created_by, created_at)
        values (?, ?, ?, ?, ?, 'it', false, ?, 'ACCEPTED', 1, ?, ?, ?, 'operator', ?)""")
        .params(UUID.randomUUID().toString(), "Contoso " + prefix, prefix, customerId, adminEmail,
            "REF" + prefix, Timestamp.from(ProcessTestSupport.NOW), answeredByName, adminEmail,
            Timestamp.from(ProcessTestSupport.NOW))
        .update();
  }

  private <T> T inItsOwnTransaction(java.util.function.Supplier<T> work) {
    TransactionTemplate own = new TransactionTemplate(transactionManager);
    own.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    return own.execute(status -> work.get());
  }

  private List<String> statuses(String customerId) {
    return jdbc.sql("select status from subscription where customer_id = ? order by line_number")
        .param(customerId).query(String.class).list();
  }

  private List<java.time.Instant> suspendedAt(String customerId) {
    return jdbc.sql("select suspended_at from subscription where customer_id = ? order by line_number")
        .param(customerId).query(Timestamp.class).list().stream().map(Timestamp::toInstant).toList();
  }

  private Map<String, Object> historicVars(ProcessInstance pi) {
    Map<String, Object> vars = new HashMap<>();
    for (HistoricVariableInstance v : historyService.createHistoricVariableInstanceQuery()
        .processInstanceId(pi.getId()).list()) {
      vars.put(v.getName(), v.getValue());
    }
    return vars;
  }

  private List<MimeMessage> mailsTo(String address) throws Exception {
    return ProcessTestSupport.mailsTo(mailServer, address);
  }

  private MimeMessage onlyMailTo(String address) throws Exception {
    List<MimeMessage> mails = mailsTo(address);
    assertThat(mails).as("mails to %s", address).hasSize(1);
    return mails.get(0);
  }

  private static String text(MimeMessage mail) throws Exception {
    return ProcessTestSupport.bodyPart(mail, "text/plain");
  }
}
