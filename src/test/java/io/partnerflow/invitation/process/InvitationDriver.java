package io.partnerflow.invitation.process;

import static io.partnerflow.invitation.InvitationProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.invitation.InvitationProcess.Decisions;
import io.partnerflow.invitation.InvitationProcess.Ids;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.testsupport.ProcessTestSupport;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Drives invitations the way Tasklist and the customer do: starts one with the request form's
 * variables as the operator, completes tasks with what their forms submit, runs jobs explicitly
 * (the job executor is off in tests) and reads the links out of the mails that arrived. Starting
 * and completing run authenticated as the operator; queries and assertions run unauthenticated
 * (see {@link ProcessTestSupport}).
 */
final class InvitationDriver extends ProcessTestSupport {

  /** From application.yml. */
  static final String REPLY_MAILBOX = "invitations@northwind-partners.example";
  static final String OPERATIONS_EMAIL = "operations@northwind-partners.example";
  static final String PARTNER_NAME = "Northwind Cloud Partners";
  static final String AGREEMENT_TYPE = "MicrosoftCustomerAgreement";
  static final String AGREEMENT_TEMPLATE_ID = "117a1c5a-7b4d-4d1a-9f1c-2f2c8b5a7e10";

  /** Demo data (db/demo/V1_2__demo_existing_customer.sql): known to us, relationship NONE. */
  static final String FABRIKAM_CUSTOMER_ID = "0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10";
  static final String FABRIKAM_PREFIX = "fabrikam";

  private static final Pattern LINK = Pattern.compile("/invitation/([A-Za-z0-9_-]+)");

  private final EmbeddedMailServer mailServer;
  private final JdbcClient jdbc;

  InvitationDriver(ProcessEngine engine, EmbeddedMailServer mailServer, JdbcClient jdbc) {
    super(engine);
    this.mailServer = mailServer;
    this.jdbc = jdbc;
  }

  // --- time -----------------------------------------------------------------------------------

  /** Moves the engine clock to {@link #NOW} plus the given time. */
  static Instant travelTo(Duration sinceNow) {
    Instant then = NOW.plus(sinceNow);
    setClock(then);
    return then;
  }

  // --- requests -------------------------------------------------------------------------------

  static String adminEmail(String domainPrefix) {
    return "lucia.garcia@" + domainPrefix + ".example";
  }

  static String companyName(String domainPrefix) {
    return "Contoso Ibérica " + domainPrefix;
  }

  /** The request form as an operator fills it for a Spanish customer, without delegated admin. */
  static VariableMap spanishRequest(String domainPrefix) {
    VariableMap v = Variables.createVariables();
    COMPANY_NAME.putIn(v, companyName(domainPrefix));
    DOMAIN_PREFIX.putIn(v, domainPrefix);
    ADMIN_FIRST_NAME.putIn(v, "Lucía");
    ADMIN_LAST_NAME.putIn(v, "García");
    ADMIN_EMAIL.putIn(v, adminEmail(domainPrefix));
    CULTURE.putIn(v, "es-ES");
    LANGUAGE.putIn(v, "es");
    INCLUDE_DELEGATED_ADMIN.putIn(v, false);
    PERSONAL_MESSAGE.putIn(v, "Nos gustaría ser su revendedor de Microsoft.");
    return v;
  }

  /** Starts an invitation as the operator (who becomes its initiator), as the start form does. */
  ProcessInstance start(VariableMap request) {
    return startAsOperator(PROCESS_KEY, request);
  }

  /** Starts a valid invitation and runs its send job: it then waits for the answer. */
  ProcessInstance startAndSend(VariableMap request) {
    ProcessInstance pi = start(request);
    executeJob(pi, Ids.SEND_INVITATION);
    return pi;
  }

  // --- the forms ------------------------------------------------------------------------------

  void editInvitation(ProcessInstance pi, VariableMap request, String decision) {
    VariableMap submitted = Variables.fromMap(request);
    INVITATION_DECISION.putIn(submitted, decision);
    complete(pi, Ids.EDIT_INVITATION, submitted);
  }

  void followUp(ProcessInstance pi, String decision, String personalMessage) {
    VariableMap submitted = Variables.createVariables();
    FOLLOW_UP_DECISION.putIn(submitted, decision);
    PERSONAL_MESSAGE.putIn(submitted, personalMessage);
    complete(pi, Ids.FOLLOW_UP, submitted);
  }

  void closeInvitation(ProcessInstance pi) {
    followUp(pi, Decisions.FOLLOW_UP_CLOSE, null);
  }

  void readReply(ProcessInstance triage, String decision) {
    complete(triage, Ids.READ_REPLY, REPLY_DECISION.putIn(Variables.createVariables(), decision));
  }

  // --- tasks and jobs -------------------------------------------------------------------------

  /** The activities of the instance's jobs that the job executor would pick up now (due). */
  List<String> dueJobActivities(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).executable().list().stream()
        .map(this::activityOf).sorted().toList();
  }

  /** The activities of all the instance's jobs, due or not. */
  List<String> jobActivities(ProcessInstance pi) {
    return managementService.createJobQuery().processInstanceId(pi.getId()).list().stream()
        .map(this::activityOf).sorted().toList();
  }

  /** The activity a job belongs to (a boundary timer's job belongs to the boundary event). */
  String activityOf(Job job) {
    return managementService.createJobDefinitionQuery().jobDefinitionId(job.getJobDefinitionId()).singleResult()
        .getActivityId();
  }

  /** Runs the due timer at that boundary event and then the send job it leads to. */
  void fireTimerAndRunSendJob(ProcessInstance pi, String timerEventId, String sendTaskId) {
    assertThat(dueJobActivities(pi)).as("due jobs").containsExactly(timerEventId);
    executeJob(pi, timerEventId);
    executeJob(pi, sendTaskId);
  }

  Map<String, Object> vars(ProcessInstance pi) {
    return runtimeService.getVariables(pi.getId());
  }

  Map<String, Object> vars(String processInstanceId) {
    return runtimeService.getVariables(processInstanceId);
  }

  String invitationId(ProcessInstance pi) {
    return INVITATION_ID.from(vars(pi));
  }

  ProcessInstance instance(String processInstanceId) {
    return runtimeService.createProcessInstanceQuery().processInstanceId(processInstanceId).singleResult();
  }

  // --- mails ----------------------------------------------------------------------------------

  /** The mails the embedded server received for that address, oldest first. */
  List<MimeMessage> mailsTo(String address) throws MessagingException {
    return mailsTo(mailServer, address);
  }

  /** The one mail to that address; fails if there is none or more than one. */
  MimeMessage onlyMailTo(String address) throws MessagingException {
    List<MimeMessage> mails = mailsTo(address);
    assertThat(mails).as("mails to %s", address).hasSize(1);
    return mails.get(0);
  }

  /** The mails to our operations address about that company (other tests' notices are ignored). */
  List<MimeMessage> operationsMailsAbout(String companyName) throws MessagingException {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage mail : mailsTo(OPERATIONS_EMAIL)) {
      if (mail.getSubject().contains(companyName + " (")) {
        out.add(mail);
      }
    }
    return out;
  }

  /** The link token in the mail's plain-text body; the HTML body must carry the same link. */
  static String token(MimeMessage mail) throws MessagingException, IOException {
    String text = bodyPart(mail, "text/plain");
    Matcher m = LINK.matcher(text);
    assertThat(m.find()).as("a link /invitation/<token> in %s", text).isTrue();
    String token = m.group(1);
    assertThat(bodyPart(mail, "text/html")).contains("/invitation/" + token);
    return token;
  }

  static String text(MimeMessage mail) throws MessagingException, IOException {
    return bodyPart(mail, "text/plain");
  }

  // --- registry -------------------------------------------------------------------------------

  /** Rows of {@code invitation} for the domain prefix (any case). */
  long invitationsFor(String domainPrefix) {
    return jdbc.sql("select count(*) from invitation where domain_prefix = ?")
        .param(domainPrefix.toLowerCase()).query(Long.class).single();
  }

  long liveTokens(String invitationId) {
    return jdbc.sql("select count(*) from invitation_token where invitation_id = ? and revoked = false")
        .param(invitationId).query(Long.class).single();
  }

  long tokens(String invitationId) {
    return jdbc.sql("select count(*) from invitation_token where invitation_id = ?")
        .param(invitationId).query(Long.class).single();
  }

  long relationshipEventsFor(String invitationId) {
    return jdbc.sql("select count(*) from relationship_event where invitation_id = ?")
        .param(invitationId).query(Long.class).single();
  }

  /** customer.relationship and customer.delegated_admin, e.g. {@code RESELLER/true}. */
  String relationshipOf(String customerId) {
    return jdbc.sql("select relationship, delegated_admin from customer where id = ?").param(customerId)
        .query((rs, n) -> rs.getString("relationship") + "/" + rs.getBoolean("delegated_admin")).single();
  }

  /** Everything the answer rules may touch, to prove that a refused answer changed nothing. */
  List<Map<String, Object>> registrySnapshot() {
    List<Map<String, Object>> rows = new ArrayList<>();
    rows.addAll(jdbc.sql("select * from invitation order by id").query().listOfRows());
    rows.addAll(jdbc.sql("select * from invitation_token order by token_hash").query().listOfRows());
    rows.addAll(jdbc.sql("select * from relationship_event order by id").query().listOfRows());
    rows.addAll(jdbc.sql("select id, relationship, delegated_admin, version from customer order by id").query()
        .listOfRows());
    rows.addAll(jdbc.sql("select * from agreement_attestation order by id").query().listOfRows());
    return rows;
  }
}
