package io.partnerflow.invitation.process;

import static io.partnerflow.invitation.InvitationProcess.*;
import static io.partnerflow.invitation.process.InvitationDriver.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.partnerflow.invitation.Answer;
import io.partnerflow.invitation.AnswerChannel;
import io.partnerflow.invitation.AnswerOutcome;
import io.partnerflow.invitation.AnswerType;
import io.partnerflow.invitation.Invitation;
import io.partnerflow.invitation.InvitationProcess.Decisions;
import io.partnerflow.invitation.InvitationProcess.Ids;
import io.partnerflow.invitation.InvitationStatus;
import io.partnerflow.invitation.MicrosoftRequest;
import io.partnerflow.partnercenter.GdapProperties;
import io.partnerflow.partnercenter.fake.FakeAdminRelationships;
import io.partnerflow.partnercenter.ApiModeSettings;
import io.partnerflow.partnercenter.fake.FakeMicrosoft;
import io.partnerflow.partnercenter.fake.FakeRelationshipRequests;
import io.partnerflow.partnercenter.fake.FakeRequest;
import io.partnerflow.provisioning.CustomerTenants;
import io.partnerflow.provisioning.PartnerCenterCall;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * "Invite a customer to connect" with {@code partnerflow.partner-center.mode=api}, against the fake
 * Microsoft (Partner Center REST v1 and Graph on a real port): the invitation carries Microsoft's
 * links, and the relationship is established only when Microsoft shows it, learned by looking on a
 * back-off timer. Each test asserts the exact requests Microsoft received.
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class InvitationApiModeProcessTest extends InvitationProcessTestBase {

  static final FakeMicrosoft microsoft = new FakeMicrosoft();
  static final String HELPDESK_ADMINISTRATOR = "729827e3-9c14-49f7-bb1b-9608f156bbb8";
  static final String SUPPORT_GROUP = "6b1f0c1e-2d2a-4c55-9a1b-3c1c0f2b7a11";
  static final String RELATIONSHIPS = "/v1.0/tenantRelationships/delegatedAdminRelationships";

  @DynamicPropertySource
  static void pointAtFakeMicrosoft(DynamicPropertyRegistry registry) {
    ApiModeSettings.register(registry, microsoft);
    registry.add("partnerflow.partner-center.api.gdap.roles",
        () -> GdapProperties.DIRECTORY_READERS + "," + HELPDESK_ADMINISTRATOR);
    registry.add("partnerflow.partner-center.api.gdap.security-groups", () -> SUPPORT_GROUP);
  }

  @AfterAll
  static void stopFakeMicrosoft() {
    microsoft.close();
  }

  @Autowired ManagementService managementService;
  @Autowired RuntimeService runtimeService;
  @Autowired CustomerTenants tenants;

  @BeforeEach
  void forgetMicrosoft() {
    microsoft.reset();
    FakeAdminRelationships.of(microsoft).reset();
  }

  // --- reseller relationship ----------------------------------------------------------------------

  @Test
  void theMailCarriesPartnerCentersLinkAndPollingLearnsTheAcceptanceThenRecordsTheTenant() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String invitationId = driver.invitationId(pi);

    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK).hasPassed(Ids.GATEWAY_ACCEPTANCE_CONFIRMED_BY)
        .hasNotPassed(Ids.AWAIT_ANSWER);
    assertThat(timerDueDates(pi)).isEqualTo(Map.of(
        Ids.TIMER_MICROSOFT_CHECK, NOW.plus(Duration.ofMinutes(5)),
        Ids.TIMER_MICROSOFT_FIRST_REMINDER, NOW.plus(Duration.ofDays(3)),
        Ids.TIMER_MICROSOFT_SECOND_REMINDER, NOW.plus(Duration.ofDays(7)),
        Ids.TIMER_MICROSOFT_EXPIRY, NOW.plus(Duration.ofDays(30))));
    MimeMessage mail = driver.onlyMailTo(email);
    assertThat(text(mail))
        .contains("Después, acepte la relación de revendedor en el Centro de administración de Microsoft 365")
        .contains(FakeRelationshipRequests.link())
        .doesNotContain("administrador granular");
    assertThat(bodyPart(mail, "text/html")).contains("invType=ResellerRelationship&amp;partnerId=");
    token(mail); // our page's link stays: what the customer tells us is still recorded

    // First look after 5 minutes: Partner Center does not list the customer yet
    Instant firstLook = look(pi);
    assertThat(firstLook).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK).hasNotPassed(Ids.RECORD_RELATIONSHIP);
    assertThat(MICROSOFT_WAITING_FOR.from(driver.vars(pi))).isEqualTo("the reseller relationship in Partner Center");
    assertThat(driver.job(pi, Ids.TIMER_MICROSOFT_CHECK).getDuedate().toInstant())
        .as("the wait doubles").isEqualTo(firstLook.plus(Duration.ofMinutes(10)));

    // The customer's global admin accepts in the admin center; the next look finds it
    String tenantId = FakeRelationshipRequests.customerAccepts(microsoft, prefix + ".onmicrosoft.com",
        companyName(prefix));
    Instant secondLook = look(pi);

    assertThat(pi).isWaitingAt(Ids.NOTIFY_OPERATIONS)
        .hasPassed(Ids.CHECK_MICROSOFT, Ids.END_MICROSOFT_CONFIRMED, Ids.RECORD_RELATIONSHIP)
        .hasNotPassed(Ids.GATEWAY_ANSWER, Ids.FOLLOW_UP);
    Map<String, Object> vars = driver.vars(pi);
    assertThat(MICROSOFT_TENANT_ID.from(vars)).isEqualTo(tenantId);
    assertThat(MICROSOFT_CHECKS.from(vars)).isEqualTo(2L);
    String customerId = RELATIONSHIP_CUSTOMER_ID.from(vars);
    assertThat(tenants.tenantOf(customerId)).contains(tenantId);
    assertThat(driver.relationshipOf(customerId)).isEqualTo("RESELLER/false");
    Invitation accepted = registry.find(invitationId).orElseThrow();
    assertThat(accepted.status()).isEqualTo(InvitationStatus.ACCEPTED);
    assertThat(accepted.answeredAt()).isEqualTo(secondLook);
    assertThat(accepted.answerChannel()).as("the customer answered Microsoft, not us").isNull();
    assertThat(driver.jobActivities(pi)).as("the timers died with the wait").containsExactly(Ids.NOTIFY_OPERATIONS);

    driver.executeJob(pi, Ids.NOTIFY_OPERATIONS);
    assertThat(pi).isEnded().hasPassed(Ids.END_RELATIONSHIP_ESTABLISHED);
    List<MimeMessage> notices = driver.operationsMailsAbout(companyName(prefix));
    assertThat(notices).hasSize(1);
    assertThat(text(notices.get(0)))
        .contains("Answered via: the Microsoft 365 admin center (no answer to us)")
        .contains("Customer ID: " + customerId)
        .contains("Microsoft tenant (confirmed by Partner Center): " + tenantId);

    // Exactly: the relationship request link, then one customer search per look, all in one correlation
    List<FakeRequest> partnerCenter = microsoft.requests().stream().filter(r -> r.api().equals("pc")).toList();
    assertThat(partnerCenter).extracting(r -> r.method() + " " + r.path()).containsExactly(
        "GET /v1/customers/relationshiprequests", "GET /v1/customers", "GET /v1/customers");
    assertThat(partnerCenter.get(1).query().get("filter")).isEqualTo(
        "{\"Field\":\"Domain\",\"Value\":\"" + prefix + ".onmicrosoft.com\",\"Operator\":\"starts_with\"}");
    assertThat(partnerCenter).extracting(r -> r.header("MS-CorrelationId"))
        .containsOnly(new PartnerCenterCall("any", pi.getId()).correlationId().toString());
    assertThat(partnerCenter).extracting(r -> r.header("MS-RequestId")).doesNotHaveDuplicates().containsExactly(
        new PartnerCenterCall("relationship-request:" + invitationId + ":1", pi.getId()).requestId().toString(),
        new PartnerCenterCall("relationship-check:" + invitationId + ":1:0", pi.getId()).requestId().toString(),
        new PartnerCenterCall("relationship-check:" + invitationId + ":1:1", pi.getId()).requestId().toString());
    assertThat(microsoft.requests().stream().filter(r -> r.api().equals("graph"))).isEmpty();
  }

  @Test
  void theCustomersAcceptOnOurPageIsRecordedButTheRelationshipWaitsForMicrosoft() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String invitationId = driver.invitationId(pi);
    String token = token(driver.onlyMailTo(email));
    travelTo(Duration.ofMinutes(2));

    AnswerOutcome outcome = answers.answerByToken(token,
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, true));

    assertThat(outcome).isEqualTo(AnswerOutcome.ACCEPTED);
    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK).hasNotPassed(Ids.GATEWAY_ANSWER, Ids.RECORD_RELATIONSHIP);
    assertThat(registry.find(invitationId).map(Invitation::answerChannel)).contains(AnswerChannel.LINK);
    assertThat(ANSWER.from(driver.vars(pi))).isEqualTo(Decisions.ANSWER_ACCEPTED);
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();

    // Microsoft does not show it: still no relationship, still looking
    look(pi);
    look(pi);
    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK).hasNotPassed(Ids.RECORD_RELATIONSHIP);
    assertThat(MICROSOFT_RELATIONSHIP.from(driver.vars(pi))).isEqualTo(Decisions.MICROSOFT_PENDING);
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
    assertThat(driver.job(pi, Ids.TIMER_MICROSOFT_CHECK).getDuedate().toInstant())
        .isEqualTo(NOW.plus(Duration.ofMinutes(5 + 10 + 20)));

    // Once Microsoft shows it, the answer the customer gave us is the one recorded (name, agreement)
    String tenantId = FakeRelationshipRequests.customerAccepts(microsoft, prefix + ".onmicrosoft.com",
        companyName(prefix));
    look(pi);
    assertThat(pi).isWaitingAt(Ids.NOTIFY_OPERATIONS).hasPassed(Ids.RECORD_RELATIONSHIP);
    String customerId = RELATIONSHIP_CUSTOMER_ID.from(driver.vars(pi));
    assertThat(tenants.tenantOf(customerId)).contains(tenantId);
    assertThat(customers.attestations(customerId)).hasSize(1);
    Invitation accepted = registry.find(invitationId).orElseThrow();
    assertThat(accepted.answerChannel()).isEqualTo(AnswerChannel.LINK);
    assertThat(accepted.answeredByName()).isEqualTo("Lucía García");
    assertThat(microsoft.requests("pc", "GET", "/v1/customers")).hasSize(3);
  }

  @Test
  void anAcceptanceCorrelatedPastMicrosoftThroughTheEngineRecordsNoRelationship() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    answers.answerByToken(token(driver.onlyMailTo(email)),
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, null));

    assertThatThrownBy(() -> runtimeService.createMessageCorrelation(MESSAGE_INVITATION_ANSWERED)
        .processInstanceId(pi.getId()).setVariable(ANSWER.name(), Decisions.ANSWER_ACCEPTED).correlate())
        .hasMessageContaining("Microsoft has not confirmed the relationship");

    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK).hasNotPassed(Ids.RECORD_RELATIONSHIP);
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
  }

  @Test
  void declineOnOurPageEndsTheWaitAndAsksForAFollowUp() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String token = token(driver.onlyMailTo(email));

    assertThat(answers.answerByToken(token,
        new Answer(AnswerType.DECLINE, AnswerChannel.LINK, "Lucía García", email, "Sin interés", null)))
        .isEqualTo(AnswerOutcome.DECLINED);

    assertThat(pi).isWaitingAt(Ids.FOLLOW_UP).hasPassed(Ids.BOUNDARY_CUSTOMER_DECLINED, Ids.GATEWAY_ANSWER)
        .hasNotPassed(Ids.CHECK_MICROSOFT, Ids.RECORD_RELATIONSHIP);
    assertThat(driver.jobActivities(pi)).as("no more looks at Microsoft").isEmpty();
  }

  // --- delegated admin (GDAP) ---------------------------------------------------------------------

  @Test
  void aResendAfterADeclineReusesTheAdminRelationshipStillAwaitingApprovalAndLooksAfreshFromFiveMinutes()
      throws Exception {
    VariableMap request = spanishRequest(prefix);
    INCLUDE_DELEGATED_ADMIN.putIn(request, true);
    ProcessInstance pi = driver.startAndSend(request);
    look(pi);
    look(pi);
    answers.answerByToken(token(driver.onlyMailTo(email)),
        new Answer(AnswerType.DECLINE, AnswerChannel.LINK, "Lucía García", email, null, null));
    String relationshipId = FakeAdminRelationships.of(microsoft).relationships.keySet().iterator().next();
    Instant resentAt = travelTo(Duration.ofDays(1));

    driver.followUp(pi, Decisions.FOLLOW_UP_RESEND, "Segundo intento");
    driver.executeJob(pi, Ids.SEND_INVITATION);

    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK);
    assertThat(MICROSOFT_CHECKS.from(driver.vars(pi))).isZero();
    assertThat(driver.job(pi, Ids.TIMER_MICROSOFT_CHECK).getDuedate().toInstant())
        .isEqualTo(resentAt.plus(Duration.ofMinutes(5)));
    assertThat(FakeAdminRelationships.of(microsoft).relationships).containsOnlyKeys(relationshipId);
    List<MimeMessage> mails = driver.mailsTo(email);
    assertThat(mails).hasSize(2);
    assertThat(text(mails.get(1))).contains("granularAdminRelationships/" + relationshipId, "Segundo intento");
    // The resend read the relationship and found it still awaiting approval: no create, no second lock
    assertThat(microsoft.requests("graph", "POST", RELATIONSHIPS + ".*")).hasSize(2);
    assertThat(microsoft.requests("graph", "GET", RELATIONSHIPS + "/" + relationshipId)).hasSize(1);
    assertThat(microsoft.requests("pc", "GET", "/v1/customers/relationshiprequests")).hasSize(2);
  }

  @Test
  void delegatedAdminCreatesALockedRelationshipMailsItsApprovalLinkAndAssignsOurGroupOnceActive() throws Exception {
    VariableMap request = spanishRequest(prefix);
    INCLUDE_DELEGATED_ADMIN.putIn(request, true);
    ProcessInstance pi = driver.startAndSend(request);
    String invitationId = driver.invitationId(pi);
    Invitation invitation = registry.find(invitationId).orElseThrow();
    FakeAdminRelationships graph = FakeAdminRelationships.of(microsoft);

    assertThat(graph.relationships).hasSize(1);
    ObjectNode relationship = graph.relationships.values().iterator().next();
    String relationshipId = relationship.path("id").asText();
    assertThat(relationship.path("status").asText()).isEqualTo("approvalPending");
    assertThat(relationship.path("displayName").asText()).isEqualTo("partnerflow-" + invitation.replyReference() + "-1");
    String approvalLink = "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/"
        + relationshipId;
    assertThat(MicrosoftRequest.approvalLink(relationshipId)).isEqualTo(approvalLink);
    assertThat(text(driver.onlyMailTo(email)).replace("\r\n", "\n"))
        .contains(FakeRelationshipRequests.link())
        .contains("Y apruebe allí la administración delegada (relación de administrador granular):\n" + approvalLink)
        .contains("administración delegada");

    List<FakeRequest> sent = graphRequests();
    assertThat(sent).extracting(r -> r.method() + " " + r.path()).containsExactly(
        "GET " + RELATIONSHIPS, "POST " + RELATIONSHIPS, "POST " + RELATIONSHIPS + "/" + relationshipId + "/requests");
    assertThat(sent.get(0).query().get("$filter")).isEqualTo("displayName eq 'partnerflow-" + invitation.replyReference()
        + "-1'");
    JsonNode created = sent.get(1).body();
    assertThat(created.path("displayName").asText()).isEqualTo("partnerflow-" + invitation.replyReference() + "-1");
    assertThat(created.path("duration").asText()).isEqualTo("P730D");
    assertThat(created.path("autoExtendDuration").asText()).isEqualTo("P180D");
    assertThat(created.path("customer").path("displayName").asText()).isEqualTo(companyName(prefix));
    assertThat(created.path("customer").has("tenantId")).as("an unknown tenant is named by the approval").isFalse();
    assertThat(created.path("accessDetails").path("unifiedRoles").findValuesAsText("roleDefinitionId"))
        .containsExactly(GdapProperties.DIRECTORY_READERS, HELPDESK_ADMINISTRATOR);
    assertThat(sent.get(2).body().path("action").asText()).isEqualTo("lockForApproval");

    // The reseller relationship alone is not enough while delegated admin waits for approval
    String tenantId = FakeRelationshipRequests.customerAccepts(microsoft, prefix + ".onmicrosoft.com",
        companyName(prefix));
    look(pi);
    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK).hasNotPassed(Ids.RECORD_RELATIONSHIP);
    assertThat(MICROSOFT_WAITING_FOR.from(driver.vars(pi)))
        .isEqualTo("the delegated admin relationship's approval (status approvalPending)");
    assertThat(graph.accessAssignments).isEmpty();

    graph.customerApproves(relationshipId, tenantId);
    look(pi);

    assertThat(pi).isWaitingAt(Ids.NOTIFY_OPERATIONS).hasPassed(Ids.RECORD_RELATIONSHIP);
    String customerId = RELATIONSHIP_CUSTOMER_ID.from(driver.vars(pi));
    assertThat(driver.relationshipOf(customerId)).isEqualTo("RESELLER/true");
    assertThat(tenants.tenantOf(customerId)).contains(tenantId);
    assertThat(graph.accessAssignments.get(relationshipId)).hasSize(1);

    List<FakeRequest> all = graphRequests();
    assertThat(all).extracting(r -> r.method() + " " + r.path()).containsExactly(
        "GET " + RELATIONSHIPS, "POST " + RELATIONSHIPS, "POST " + RELATIONSHIPS + "/" + relationshipId + "/requests",
        "GET " + RELATIONSHIPS + "/" + relationshipId,
        "GET " + RELATIONSHIPS + "/" + relationshipId,
        "GET " + RELATIONSHIPS + "/" + relationshipId + "/accessAssignments",
        "POST " + RELATIONSHIPS + "/" + relationshipId + "/accessAssignments");
    JsonNode assignment = all.get(6).body();
    assertThat(assignment.path("accessContainer").path("accessContainerId").asText()).isEqualTo(SUPPORT_GROUP);
    assertThat(assignment.path("accessContainer").path("accessContainerType").asText()).isEqualTo("securityGroup");
    assertThat(assignment.path("accessDetails").path("unifiedRoles").findValuesAsText("roleDefinitionId"))
        .containsExactly(GdapProperties.DIRECTORY_READERS, HELPDESK_ADMINISTRATOR);
    assertThat(all).extracting(r -> r.header("MS-CorrelationId"))
        .containsOnly(new PartnerCenterCall("any", pi.getId()).correlationId().toString());
    assertThat(microsoft.requests("pc", "GET", "/v1/customers")).hasSize(2);
  }

  @Test
  void anAdminRelationshipApprovedByAnotherTenantGetsNoAccessAndEstablishesNothing() throws Exception {
    VariableMap request = spanishRequest(prefix);
    INCLUDE_DELEGATED_ADMIN.putIn(request, true);
    ProcessInstance pi = driver.startAndSend(request);
    FakeAdminRelationships graph = FakeAdminRelationships.of(microsoft);
    String relationshipId = graph.relationships.keySet().iterator().next();
    FakeRelationshipRequests.customerAccepts(microsoft, prefix + ".onmicrosoft.com", companyName(prefix));
    String stranger = FakeMicrosoft.newGuid();

    graph.customerApproves(relationshipId, stranger); // the approval link reached someone else's admin
    look(pi);

    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK).hasNotPassed(Ids.RECORD_RELATIONSHIP);
    assertThat(MICROSOFT_WAITING_FOR.from(driver.vars(pi))).contains("active for tenant " + stranger);
    assertThat(graph.accessAssignments).isEmpty();
    assertThat(microsoft.requests("graph", "POST", RELATIONSHIPS + "/.*/accessAssignments")).isEmpty();
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
  }

  @Test
  void aGraphFailureFailsTheSendJobBeforeAnyMailAndItsRetryCreatesOneRelationship() throws Exception {
    VariableMap request = spanishRequest(prefix);
    INCLUDE_DELEGATED_ADMIN.putIn(request, true);
    microsoft.failNext("POST", RELATIONSHIPS, 1, 500, null);
    ProcessInstance pi = driver.start(request);

    String sendJob = driver.job(pi, Ids.SEND_INVITATION).getId();
    assertThatThrownBy(() -> managementService.executeJob(sendJob)).hasMessageContaining("500");

    Job failed = managementService.createJobQuery().jobId(sendJob).singleResult();
    assertThat(failed.getRetries()).isPositive();
    assertThat(failed.getDuedate().toInstant()).isEqualTo(NOW.plusSeconds(10));
    assertThat(driver.mailsTo(email)).isEmpty();
    assertThat(FakeAdminRelationships.of(microsoft).relationships).isEmpty();

    travelTo(Duration.ofSeconds(10));
    managementService.executeJob(sendJob);

    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK);
    assertThat(FakeAdminRelationships.of(microsoft).relationships).hasSize(1);
    assertThat(driver.mailsTo(email)).hasSize(1);
    List<FakeRequest> creates = microsoft.requests("graph", "POST", RELATIONSHIPS);
    assertThat(creates).hasSize(2);
    assertThat(creates.get(0).header("MS-RequestId")).as("the retry is the same call")
        .isEqualTo(creates.get(1).header("MS-RequestId"));
    assertThat(microsoft.requests("graph", "POST", RELATIONSHIPS + "/.*/requests")).hasSize(1);
  }

  @Test
  void aCreateThatTimedOutIsFoundByItsNameOnTheRetryAndNotMadeTwice() throws Exception {
    VariableMap request = spanishRequest(prefix);
    INCLUDE_DELEGATED_ADMIN.putIn(request, true);
    microsoft.answerLate("POST", RELATIONSHIPS, 1, 3000); // created, but answered after our 2 s read timeout
    ProcessInstance pi = driver.start(request);
    String sendJob = driver.job(pi, Ids.SEND_INVITATION).getId();

    assertThatThrownBy(() -> managementService.executeJob(sendJob)).hasMessageContaining("did not answer");
    FakeAdminRelationships graph = FakeAdminRelationships.of(microsoft);
    assertThat(graph.relationships.values()).extracting(r -> r.path("status").asText()).containsExactly("created");
    assertThat(driver.mailsTo(email)).isEmpty();

    travelTo(Duration.ofSeconds(10));
    managementService.executeJob(sendJob);

    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK);
    assertThat(graph.relationships.values()).extracting(r -> r.path("status").asText())
        .containsExactly("approvalPending");
    String relationshipId = graph.relationships.keySet().iterator().next();
    assertThat(graphRequests()).extracting(r -> r.method() + " " + r.path()).containsExactly(
        "GET " + RELATIONSHIPS, "POST " + RELATIONSHIPS,
        "GET " + RELATIONSHIPS, "POST " + RELATIONSHIPS + "/" + relationshipId + "/requests");
    assertThat(text(driver.onlyMailTo(email))).contains("granularAdminRelationships/" + relationshipId);
  }

  // --- throttling and expiry ----------------------------------------------------------------------

  @Test
  void aThrottledLookWaitsRetryAfterWithoutUsingARetry() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    Instant due = driver.job(pi, Ids.TIMER_MICROSOFT_CHECK).getDuedate().toInstant();
    setClock(due);
    driver.executeJob(pi, Ids.TIMER_MICROSOFT_CHECK);
    Job check = driver.job(pi, Ids.CHECK_MICROSOFT);
    int retries = check.getRetries();
    microsoft.failNext("GET", "/v1/customers", 1, 429, 120);

    assertThatThrownBy(() -> managementService.executeJob(check.getId())).hasMessageContaining("429");

    Job throttled = managementService.createJobQuery().jobId(check.getId()).singleResult();
    assertThat(throttled.getRetries()).as("a 429 is no failed attempt").isEqualTo(retries);
    assertThat(throttled.getDuedate().toInstant()).isEqualTo(due.plusSeconds(120));
    assertThat(throttled.getExceptionMessage()).contains("429");
    assertThat(driver.dueJobActivities(pi)).doesNotContain(Ids.CHECK_MICROSOFT);

    String tenantId = FakeRelationshipRequests.customerAccepts(microsoft, prefix + ".onmicrosoft.com",
        companyName(prefix));
    setClock(due.plusSeconds(120));
    assertThat(driver.dueJobActivities(pi)).containsExactly(Ids.CHECK_MICROSOFT);
    managementService.executeJob(check.getId());

    assertThat(pi).isWaitingAt(Ids.NOTIFY_OPERATIONS);
    assertThat(MICROSOFT_TENANT_ID.from(driver.vars(pi))).isEqualTo(tenantId);
    List<FakeRequest> searches = microsoft.requests("pc", "GET", "/v1/customers");
    assertThat(searches).hasSize(2);
    assertThat(searches.get(0).header("MS-RequestId")).as("the same look, repeated")
        .isEqualTo(searches.get(1).header("MS-RequestId"));
  }

  @Test
  void anInvitationMicrosoftNeverConfirmsRemindsAndExpiresIntoAFollowUp() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String invitationId = driver.invitationId(pi);

    travelTo(Duration.ofDays(3));
    driver.executeJob(pi, Ids.TIMER_MICROSOFT_FIRST_REMINDER);
    driver.executeJob(pi, Ids.SEND_FIRST_REMINDER);
    assertThat(driver.mailsTo(email)).hasSize(2);
    assertThat(text(driver.mailsTo(email).get(1))).startsWith("Hola, Lucía García:")
        .contains("Después, acepte la relación de revendedor", FakeRelationshipRequests.link());
    assertThat(pi).isWaitingAt(Ids.TIMER_MICROSOFT_CHECK);

    travelTo(Duration.ofDays(30));
    driver.executeJob(pi, Ids.TIMER_MICROSOFT_EXPIRY);

    assertThat(pi).isWaitingAt(Ids.FOLLOW_UP).hasPassed(Ids.EXPIRE_INVITATION)
        .hasNotPassed(Ids.GATEWAY_ANSWER, Ids.RECORD_RELATIONSHIP);
    assertThat(registry.find(invitationId).map(Invitation::status)).contains(InvitationStatus.EXPIRED);
    assertThat(driver.jobActivities(pi)).as("looks and reminders end with the wait").isEmpty();

    driver.closeInvitation(pi);
    assertThat(pi).isEnded().hasPassed(Ids.END_INVITATION_CLOSED);
  }

  @Test
  void anAcceptGivenOnlyToUsExpiresWhenMicrosoftNeverConfirmsAndTheInvitationCanBeClosed() throws Exception {
    ProcessInstance pi = driver.startAndSend(spanishRequest(prefix));
    String invitationId = driver.invitationId(pi);
    answers.answerByToken(token(driver.onlyMailTo(email)),
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, null));
    assertThat(registry.find(invitationId).map(Invitation::status)).contains(InvitationStatus.ACCEPTED);

    travelTo(Duration.ofDays(30));
    driver.executeJob(pi, Ids.TIMER_MICROSOFT_EXPIRY);

    assertThat(pi).isWaitingAt(Ids.FOLLOW_UP).hasPassed(Ids.EXPIRE_INVITATION);
    assertThat(registry.find(invitationId).map(Invitation::status)).contains(InvitationStatus.EXPIRED);
    driver.closeInvitation(pi);
    assertThat(pi).isEnded().hasPassed(Ids.END_INVITATION_CLOSED);
    assertThat(registry.find(invitationId).map(Invitation::status)).contains(InvitationStatus.CLOSED);
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
  }

  // --- helpers ------------------------------------------------------------------------------------

  /** Moves the clock to the next look's due date and runs the timer and the look; returns when it looked. */
  private Instant look(ProcessInstance pi) {
    Instant due = driver.job(pi, Ids.TIMER_MICROSOFT_CHECK).getDuedate().toInstant();
    setClock(due);
    driver.executeJob(pi, Ids.TIMER_MICROSOFT_CHECK);
    driver.executeJob(pi, Ids.CHECK_MICROSOFT);
    return ClockUtil.getCurrentTime().toInstant();
  }

  private static List<FakeRequest> graphRequests() {
    return microsoft.requests().stream().filter(r -> r.api().equals("graph")).toList();
  }

  private Map<String, Instant> timerDueDates(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).timers().list().stream()
        .collect(Collectors.toMap(driver::activityOf, job -> job.getDuedate().toInstant()));
  }
}
