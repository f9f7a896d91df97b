package io.partnerflow.invitation.process;

import static io.partnerflow.invitation.InvitationProcess.*;
import static io.partnerflow.invitation.process.InvitationDriver.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import io.partnerflow.customer.Relationship;
import io.partnerflow.customer.RelationshipEvent;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.invitation.Answer;
import io.partnerflow.invitation.AnswerChannel;
import io.partnerflow.invitation.AnswerOutcome;
import io.partnerflow.invitation.AnswerType;
import io.partnerflow.invitation.InboundReply;
import io.partnerflow.invitation.Invitation;
import io.partnerflow.invitation.InvitationProcess.Decisions;
import io.partnerflow.invitation.InvitationProcess.Ids;
import io.partnerflow.invitation.InvitationStatus;
import io.partnerflow.invitation.ReadReply;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.IdentityLink;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.annotation.DirtiesContext.ClassMode;

/**
 * "Read an invitation reply": replies the router could not act on become an operator task with the
 * mail attached; the operator's decision applies the answer (first answer still wins) or ignores
 * the mail. One test per gateway outcome and end event, each checking the invitation as well.
 */
@SpringBootTest
@DirtiesContext(classMode = ClassMode.AFTER_CLASS)
class InvitationReplyTriageProcessTest extends InvitationProcessTestBase {

  /** What ReplyRouter records as the problem of a reply from someone other than the invited admin. */
  private static final Instant RECEIVED = Instant.parse("2026-03-04T09:12:00Z");

  @Autowired TaskService taskService;
  @Autowired HistoryService historyService;

  @Test
  void unmatchedReplyBecomesAnOperatorTaskWithTheMailAndIgnoringItEndsThere() {
    InboundReply mail = mail("someone@elsewhere.example", "Pregunta sobre su oferta", "Hola, ¿qué es esto?");
    List<Map<String, Object>> registryBefore = driver.registrySnapshot();

    String outcome = replyRouter.handle(new ReadReply(mail, Optional.empty(), Optional.empty()));

    ProcessInstance triage = triageOf(outcome, "unmatched");
    assertThat(triage).isWaitingAt(Ids.READ_REPLY);
    assertThat(taskService.getIdentityLinksForTask(driver.task(triage, Ids.READ_REPLY).getId()))
        .extracting(IdentityLink::getGroupId).containsExactly(OPERATORS);
    Map<String, Object> vars = driver.vars(triage);
    assertThat(REPLY_MESSAGE_ID.from(vars)).isEqualTo(mail.messageId());
    assertThat(REPLY_FROM.from(vars)).isEqualTo("someone@elsewhere.example");
    assertThat(REPLY_SUBJECT.from(vars)).isEqualTo("Pregunta sobre su oferta");
    assertThat(REPLY_TEXT.from(vars)).isEqualTo("Hola, ¿qué es esto?");
    assertThat(REPLY_RECEIVED_AT.from(vars)).isEqualTo("2026-03-04T09:12:00Z");
    assertThat(REPLY_PROBLEM.from(vars)).isEqualTo("unmatched");
    assertThat(INVITATION_ID.from(vars)).isNull();
    assertThat(COMPANY_NAME.from(vars)).isNull();

    driver.readReply(triage, Decisions.REPLY_IGNORE);

    assertThat(triage).isEnded().hasPassed(Ids.GATEWAY_REPLY_DECISION, Ids.END_REPLY_IGNORED)
        .hasNotPassed(Ids.APPLY_REPLY_ANSWER);
    assertThat(driver.registrySnapshot()).isEqualTo(registryBefore);
  }

  @Test
  void unmatchedReplyThatTheOperatorAcceptsAppliesToNoInvitation() {
    InboundReply mail = mail("someone@elsewhere.example", "RE: invitación", "ACEPTO");
    List<Map<String, Object>> registryBefore = driver.registrySnapshot();
    ProcessInstance triage = triageOf(replyRouter.handle(new ReadReply(mail, Optional.empty(),
        Optional.of(AnswerType.ACCEPT))), "unmatched");

    driver.readReply(triage, Decisions.REPLY_ACCEPT);

    assertThat(triage).isEnded().hasPassed(Ids.APPLY_REPLY_ANSWER, Ids.END_REPLY_APPLIED);
    assertThat(historicValue(triage, REPLY_OUTCOME.name())).isEqualTo(AnswerOutcome.UNKNOWN.name());
    assertThat(driver.registrySnapshot()).isEqualTo(registryBefore);
  }

  @Test
  void unreadableReplyFromTheAdminThatTheOperatorAcceptsEstablishesTheRelationship() throws Exception {
    ProcessInstance invitation = driver.startAndSend(spanishRequest(prefix));
    Invitation sent = registry.find(driver.invitationId(invitation)).orElseThrow();
    InboundReply mail = mail(email, "RE: invitación [Ref: " + sent.replyReference() + "]", "Me parece bien, adelante.");

    String outcome = replyRouter.handle(new ReadReply(mail, Optional.of(sent), Optional.empty()));

    ProcessInstance triage = triageOf(outcome, "unreadable");
    assertThat(triage).isWaitingAt(Ids.READ_REPLY);
    Map<String, Object> vars = driver.vars(triage);
    assertThat(REPLY_PROBLEM.from(vars)).isEqualTo("unreadable");
    assertThat(REPLY_FROM.from(vars)).isEqualTo(email);
    assertThat(REPLY_TEXT.from(vars)).isEqualTo("Me parece bien, adelante.");
    assertThat(INVITATION_ID.from(vars)).isEqualTo(sent.id());
    assertThat(COMPANY_NAME.from(vars)).isEqualTo(companyName(prefix));
    assertThat(DOMAIN_PREFIX.from(vars)).isEqualTo(prefix);
    assertThat(ADMIN_EMAIL.from(vars)).isEqualTo(email);
    // Nothing decided yet
    assertThat(invitation).isWaitingAt(Ids.AWAIT_ANSWER);
    assertThat(registry.find(sent.id()).map(Invitation::status)).contains(InvitationStatus.PENDING);
    Instant decidedAt = travelTo(Duration.ofHours(1));

    driver.readReply(triage, Decisions.REPLY_ACCEPT);

    assertThat(triage).isEnded().hasPassed(Ids.GATEWAY_REPLY_DECISION, Ids.APPLY_REPLY_ANSWER, Ids.END_REPLY_APPLIED)
        .hasNotPassed(Ids.END_REPLY_IGNORED);
    assertThat(historicValue(triage, REPLY_OUTCOME.name())).isEqualTo(AnswerOutcome.ACCEPTED.name());
    assertThat(invitation).isWaitingAt(Ids.NOTIFY_OPERATIONS).hasPassed(Ids.GATEWAY_ANSWER, Ids.RECORD_RELATIONSHIP);
    assertThat(ANSWER.from(driver.vars(invitation))).isEqualTo(Decisions.ANSWER_ACCEPTED);
    assertThat(ANSWER_CHANNEL.from(driver.vars(invitation))).isEqualTo("EMAIL");
    Invitation accepted = registry.find(sent.id()).orElseThrow();
    assertThat(accepted.status()).isEqualTo(InvitationStatus.ACCEPTED);
    assertThat(accepted.answerChannel()).isEqualTo(AnswerChannel.EMAIL);
    assertThat(accepted.answeredByEmail()).isEqualTo(email);
    assertThat(accepted.answeredAt()).isEqualTo(decidedAt);
    String customerId = customers.findIdByDomainPrefix(prefix).orElseThrow();
    assertThat(customers.find(customerId).orElseThrow().relationship()).isEqualTo(Relationship.RESELLER);
    assertThat(relationships.history(customerId)).containsExactly(
        new RelationshipEvent("RESELLER", false, decidedAt, email, RelationshipService.SOURCE_INVITATION, sent.id()));
    assertThat(customers.attestations(customerId)).isEmpty();

    driver.executeJob(invitation, Ids.NOTIFY_OPERATIONS);

    assertThat(invitation).isEnded().hasPassed(Ids.END_RELATIONSHIP_ESTABLISHED);
    List<MimeMessage> notices = driver.operationsMailsAbout(companyName(prefix));
    assertThat(notices).hasSize(1);
    assertThat(text(notices.get(0))).contains("Answered via: email reply").contains("Accepted by: " + email);
  }

  @Test
  void unreadableReplyThatTheOperatorDeclinesSendsTheInvitationToFollowUp() {
    ProcessInstance invitation = driver.startAndSend(spanishRequest(prefix));
    Invitation sent = registry.find(driver.invitationId(invitation)).orElseThrow();
    ProcessInstance triage = triageOf(replyRouter.handle(new ReadReply(
        mail(email, "RE: invitación", "Gracias, pero no por ahora."), Optional.of(sent), Optional.empty())),
        "unreadable");

    driver.readReply(triage, Decisions.REPLY_DECLINE);

    assertThat(triage).isEnded().hasPassed(Ids.APPLY_REPLY_ANSWER, Ids.END_REPLY_APPLIED);
    assertThat(historicValue(triage, REPLY_OUTCOME.name())).isEqualTo(AnswerOutcome.DECLINED.name());
    assertThat(invitation).isWaitingAt(Ids.FOLLOW_UP).hasNotPassed(Ids.RECORD_RELATIONSHIP);
    assertThat(ANSWER.from(driver.vars(invitation))).isEqualTo(Decisions.ANSWER_DECLINED);
    Invitation declined = registry.find(sent.id()).orElseThrow();
    assertThat(declined.status()).isEqualTo(InvitationStatus.DECLINED);
    assertThat(declined.answerChannel()).isEqualTo(AnswerChannel.EMAIL);
    assertThat(customers.findIdByDomainPrefix(prefix)).isEmpty();
    assertThat(driver.relationshipEventsFor(sent.id())).isZero();
  }

  @Test
  void acceptingReplyFromAnotherSenderThanTheInvitedAdminIsTriagedNotAccepted() {
    ProcessInstance invitation = driver.startAndSend(spanishRequest(prefix));
    Invitation sent = registry.find(driver.invitationId(invitation)).orElseThrow();
    String colleague = "it-support@" + prefix + ".example";
    List<Map<String, Object>> registryBefore = driver.registrySnapshot();

    String outcome = replyRouter.handle(new ReadReply(mail(colleague, "RE: invitación", "ACEPTO"), Optional.of(sent),
        Optional.of(AnswerType.ACCEPT)));

    ProcessInstance triage = triageOf(outcome, PROBLEM_OTHER_SENDER);
    assertThat(triage).isWaitingAt(Ids.READ_REPLY);
    Map<String, Object> vars = driver.vars(triage);
    assertThat(REPLY_PROBLEM.from(vars)).isEqualTo(PROBLEM_OTHER_SENDER);
    assertThat(REPLY_FROM.from(vars)).isEqualTo(colleague);
    assertThat(INVITATION_ID.from(vars)).isEqualTo(sent.id());
    assertThat(ADMIN_EMAIL.from(vars)).isEqualTo(email);
    assertThat(invitation).isWaitingAt(Ids.AWAIT_ANSWER);
    assertThat(driver.registrySnapshot()).isEqualTo(registryBefore);

    driver.readReply(triage, Decisions.REPLY_IGNORE);

    assertThat(triage).isEnded().hasPassed(Ids.END_REPLY_IGNORED).hasNotPassed(Ids.APPLY_REPLY_ANSWER);
    assertThat(invitation).isWaitingAt(Ids.AWAIT_ANSWER);
    assertThat(registry.find(sent.id()).map(Invitation::status)).contains(InvitationStatus.PENDING);
    assertThat(driver.registrySnapshot()).isEqualTo(registryBefore);
  }

  @Test
  void replyAppliedAfterTheLinkWasUsedKeepsTheFirstAnswer() throws Exception {
    ProcessInstance invitation = driver.startAndSend(spanishRequest(prefix));
    Invitation sent = registry.find(driver.invitationId(invitation)).orElseThrow();
    ProcessInstance triage = triageOf(replyRouter.handle(new ReadReply(mail(email, "RE: invitación", "No."),
        Optional.of(sent), Optional.empty())), "unreadable");
    assertThat(answers.answerByToken(token(driver.onlyMailTo(email)),
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Lucía García", email, null, null)))
        .isEqualTo(AnswerOutcome.ACCEPTED);
    List<Map<String, Object>> registryBefore = driver.registrySnapshot();

    driver.readReply(triage, Decisions.REPLY_DECLINE);

    assertThat(triage).isEnded().hasPassed(Ids.APPLY_REPLY_ANSWER, Ids.END_REPLY_APPLIED);
    assertThat(historicValue(triage, REPLY_OUTCOME.name())).isEqualTo(AnswerOutcome.ALREADY_ANSWERED.name());
    assertThat(driver.registrySnapshot()).isEqualTo(registryBefore);
    assertThat(registry.find(sent.id()).map(Invitation::answerChannel)).contains(AnswerChannel.LINK);
    assertThat(invitation).isWaitingAt(Ids.NOTIFY_OPERATIONS);
    assertThat(driver.relationshipEventsFor(sent.id())).isEqualTo(1);
  }

  // --- helpers --------------------------------------------------------------------------------

  private static InboundReply mail(String from, String subject, String text) {
    return new InboundReply("<" + UUID.randomUUID() + "@mail.example>", from, subject, null, List.of(), RECEIVED, text);
  }

  /** The triage instance the router reported ({@code triage:<problem>:<id>}), checked to be one. */
  private ProcessInstance triageOf(String routerOutcome, String problem) {
    String expectedStart = "triage:" + problem + ":";
    assertThat(routerOutcome).startsWith(expectedStart);
    ProcessInstance triage = driver.instance(routerOutcome.substring(expectedStart.length()));
    assertThat(triage).isNotNull();
    assertThat(triage.getProcessDefinitionId()).startsWith(TRIAGE_PROCESS_KEY + ":");
    return triage;
  }

  private Object historicValue(ProcessInstance pi, String name) {
    return historyService.createHistoricVariableInstanceQuery().processInstanceId(pi.getId()).variableName(name)
        .singleResult().getValue();
  }
}
