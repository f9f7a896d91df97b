package io.partnerflow.benchmark;

import static io.partnerflow.onboarding.OnboardingProcess.AGREEMENT_DECISION;
import static io.partnerflow.onboarding.OnboardingProcess.CANCELLATION_REASON;

import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.provisioning.PartnerCenterFaults;
import io.partnerflow.referral.NewReferral;
import io.partnerflow.referral.Referral;
import io.partnerflow.referral.ReferralIntake;
import io.partnerflow.referral.ReferralProcess;
import io.partnerflow.provisioning.SimulatedFaults;
import io.partnerflow.provisioning.SimulatedPartnerCenter;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The real instances the dashboard section clones: a few of each outcome, run through the running
 * product's engine as an operator does it in Tasklist (claim, load the form, submit), with the real
 * job executor, mails to the in-process SMTP server and the customer's answers on the invitation page.
 */
final class DashboardTemplates {

  enum Kind { ONBOARDING, INVITATION, REFERRAL }

  /** A finished root instance, its outcome (the end event it reached) and how often it is cloned, relatively. */
  record Template(String processInstanceId, Kind kind, String outcome, int weight) {}

  private static final AtomicInteger SEQUENCE = new AtomicInteger();
  private static final String[] CANCELLATION_REASONS = {"Customer chose another provider", "Budget frozen",
      "Duplicate request"};

  private final BenchmarkApp app;
  private final ProcessEngine engine;
  private final JdbcClient jdbc;
  private final EmbeddedMailServer mailServer;
  private final long timeoutMs;
  private final String runTag;
  private final List<String> notes = new ArrayList<>();

  DashboardTemplates(BenchmarkApp app, long timeoutMs, String runTag) {
    this.app = app;
    this.engine = app.engine;
    this.jdbc = app.jdbc;
    this.mailServer = app.mailServer;
    this.timeoutMs = timeoutMs;
    this.runTag = runTag;
  }

  /** What could not be produced as a real instance (said in the report). */
  List<String> notes() {
    return notes;
  }

  List<Template> run() throws Exception {
    List<Template> templates = new ArrayList<>();
    // Onboardings: most end onboarded, some cancelled, some find the domain already known
    List<String> onboardedPrefixes = new ArrayList<>();
    for (int i = 0; i < 4; i++) {
      String prefix = prefix("ok");
      templates.add(new Template(onboard(prefix), Kind.ONBOARDING, Ids.END_CUSTOMER_ONBOARDED, 70 / 4));
      onboardedPrefixes.add(prefix);
    }
    templates.add(new Template(onboardWithRetriedProvisioning(prefix("retry")), Kind.ONBOARDING,
        Ids.END_CUSTOMER_ONBOARDED, 3));
    for (String reason : CANCELLATION_REASONS) {
      templates.add(new Template(cancel(prefix("cancel"), reason), Kind.ONBOARDING, Ids.END_ONBOARDING_CANCELLED, 5));
    }
    templates.add(new Template(existingCustomer(onboardedPrefixes.get(0), Ids.NOTE_ALREADY_OUR_CUSTOMER),
        Kind.ONBOARDING, Ids.END_EXISTING_CUSTOMER, 7));

    // Invitations: accepted on the page, declined and closed, expired after two reminders and closed
    InvitationScenario invitations = new InvitationScenario(engine, jdbc, mailServer, app.port, runTag, timeoutMs);
    List<InvitationScenario.Invited> accepted = acceptedOnThePage(invitations, 3);
    for (InvitationScenario.Invited one : accepted) {
      templates.add(new Template(one.processInstanceId(), Kind.INVITATION,
          InvitationProcess.Ids.END_RELATIONSHIP_ESTABLISHED, 55 / 3));
    }
    List<InvitationScenario.Invited> declined = invitations.sendInvitations(2);
    Map<String, String> tokens = invitations.tokensByRecipient(declined);
    for (InvitationScenario.Invited one : declined) {
      invitations.decline(tokens.get(one.adminEmail()), "We work with another partner");
      closeAfterFollowUp(one.processInstanceId());
      templates.add(new Template(one.processInstanceId(), Kind.INVITATION,
          InvitationProcess.Ids.END_INVITATION_CLOSED, 20 / 2));
    }
    for (InvitationScenario.Invited one : invitations.sendInvitations(1)) {
      expireAfterReminders(one.processInstanceId());
      closeAfterFollowUp(one.processInstanceId());
      templates.add(new Template(one.processInstanceId(), Kind.INVITATION,
          InvitationProcess.Ids.END_INVITATION_CLOSED, 25));
    }
    // Last: the invitation it starts stays open, and InvitationScenario counts every invitation waiting for an answer
    templates.add(new Template(existingCustomer(tenantWithoutRelationship(), Ids.NOTE_INVITATION_SENT),
        Kind.ONBOARDING, Ids.END_RELATIONSHIP_REQUESTED, 5));
    notes.add("no invitation answered by email reply (the IMAP reply path is not driven)");
    // Referrals, from the API and the mailbox: won, lost, declined with a notice
    templates.add(new Template(referral(NewReferral.SOURCE_API, ReferralProcess.Decisions.WON), Kind.REFERRAL,
        ReferralProcess.Ids.END_WON, 3));
    templates.add(new Template(referral(NewReferral.SOURCE_EMAIL, ReferralProcess.Decisions.LOST), Kind.REFERRAL,
        ReferralProcess.Ids.END_LOST, 3));
    templates.add(new Template(referral(NewReferral.SOURCE_API, ReferralProcess.Decisions.DECLINE), Kind.REFERRAL,
        ReferralProcess.Ids.END_DECLINED, 4));
    for (Template template : templates) {
      EndEvents.requireAll(engine, List.of(template.processInstanceId()), template.outcome());
    }
    return templates;
  }

  private String prefix(String what) {
    return "dash" + runTag + what + SEQUENCE.incrementAndGet();
  }

  // --- onboardings --------------------------------------------------------------------------------

  private String start(String domainPrefix) {
    FormService forms = engine.getFormService();
    String definitionId = engine.getRepositoryService().createProcessDefinitionQuery()
        .processDefinitionKey(OnboardingProcess.PROCESS_KEY).latestVersion().singleResult().getId();
    return asOperator(() -> forms.submitStartForm(definitionId, OnboardingDriver.spanishAccountInfo(domainPrefix))
        .getId());
  }

  /** The happy path, each form as OnboardingWorkload submits it, each task claimed first. */
  private String onboard(String domainPrefix) throws Exception {
    String pi = start(domainPrefix);
    OnboardingWorkload forms = new OnboardingWorkload(engine, jdbc, mailServer, runTag);
    completeUntilEnded(pi, forms);
    return pi;
  }

  /**
   * The happy path with provisioning failing once for real (the simulated Partner Center answers 503, as its
   * administrators' fault switch makes it), then the job's retries set to 0 (a failed-job incident) and back to 1,
   * as an administrator does in Cockpit.
   */
  private String onboardWithRetriedProvisioning(String domainPrefix) throws Exception {
    String pi = start(domainPrefix);
    OnboardingWorkload forms = new OnboardingWorkload(engine, jdbc, mailServer, runTag);
    ManagementService management = engine.getManagementService();
    SimulatedFaults faults = app.context.getBean(SimulatedPartnerCenter.class).faults();
    while (true) {
      Task task = awaitTask(pi);
      if (Ids.REVIEW.equals(task.getTaskDefinitionKey())) {
        faults.set(new PartnerCenterFaults(1, Duration.ZERO, Duration.ZERO));
      }
      submit(task, forms.taskForm(task, engine.getFormService().getTaskFormVariables(task.getId(), null, false)));
      if (Ids.REVIEW.equals(task.getTaskDefinitionKey())) {
        break;
      }
    }
    Job failed;
    try {
      await("the provisioning job of " + pi + " to fail", () -> failedJob(pi) != null);
      failed = failedJob(pi);
      management.setJobRetries(failed.getId(), 0);
    } finally {
      faults.set(PartnerCenterFaults.NONE);
    }
    await("an incident for " + pi, () -> engine.getRuntimeService().createIncidentQuery().processInstanceId(pi)
        .count() > 0);
    // Due now first, while no retry is left, so the job executor cannot pick it up between the two commands
    management.setJobDuedate(failed.getId(), new java.util.Date());
    management.setJobRetries(failed.getId(), 1);
    String jobId = failed.getId();
    long deadline = System.currentTimeMillis() + 30_000;
    while (management.createJobQuery().jobId(jobId).count() > 0 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    if (management.createJobQuery().jobId(jobId).count() > 0) {
      // Still locked by an executor attempt that lost a race (it keeps the lock for minutes): run it here
      management.executeJob(jobId);
    }
    completeUntilEnded(pi, forms);
    return pi;
  }

  private Job failedJob(String pi) {
    return engine.getManagementService().createJobQuery().processInstanceId(pi).withException().list().stream()
        .findFirst().orElse(null);
  }

  private String cancel(String domainPrefix, String reason) throws Exception {
    String pi = start(domainPrefix);
    Task task = awaitTask(pi);
    require(Ids.CONFIRM_CUSTOMER_AGREEMENT.equals(task.getTaskDefinitionKey()), "cancel expects the agreement task, "
        + "found " + task.getTaskDefinitionKey());
    VariableMap submitted = Variables.createVariables();
    AGREEMENT_DECISION.putIn(submitted, Decisions.AGREEMENT_CANCEL);
    CANCELLATION_REASON.putIn(submitted, reason);
    submit(task, submitted);
    await("cancelled onboarding " + pi + " to end", () -> ended(pi));
    return pi;
  }

  /** An onboarding for a domain the registry knows: the operator reads the note it ends with. */
  private String existingCustomer(String domainPrefix, String noteTask) throws Exception {
    String pi = start(domainPrefix);
    Task task = awaitTask(pi);
    require(noteTask.equals(task.getTaskDefinitionKey()), "expected " + noteTask + ", found "
        + task.getTaskDefinitionKey());
    submit(task, Variables.createVariables());
    await("onboarding " + pi + " to end", () -> ended(pi));
    return pi;
  }

  /** A tenant listed in the registry without a relationship (as the demo's Fabrikam): recorded before the templates. */
  private String tenantWithoutRelationship() {
    String prefix = prefix("tenant");
    String id = UUID.randomUUID().toString();
    Timestamp now = Timestamp.from(Instant.now());
    jdbc.sql("insert into customer (id, company_name, company_name_key, domain_prefix, relationship, created_by, "
        + "created_at, version, delegated_admin) values (?, ?, ?, ?, 'NONE', 'benchmark', ?, 0, false)")
        .params(id, "Fabrikam " + prefix, "fabrikam " + prefix, prefix, now).update();
    jdbc.sql("insert into relationship_event (customer_id, relationship, delegated_admin, occurred_at, actor, source) "
        + "values (?, 'NONE', false, ?, 'benchmark', 'EXISTING_TENANT')").params(id, now).update();
    return prefix;
  }

  // --- invitations --------------------------------------------------------------------------------

  private List<InvitationScenario.Invited> acceptedOnThePage(InvitationScenario invitations, int count)
      throws Exception {
    List<String> before = finishedInvitations();
    invitations.round(count, 1);
    List<String> after = finishedInvitations();
    after.removeAll(before);
    require(after.size() == count, after.size() + " of " + count + " accepted invitations found");
    return after.stream().map(id -> new InvitationScenario.Invited(id, null, null)).toList();
  }

  private List<String> finishedInvitations() {
    return new ArrayList<>(engine.getHistoryService().createHistoricProcessInstanceQuery()
        .processDefinitionKey(InvitationProcess.PROCESS_KEY).finished().list().stream()
        .map(HistoricProcessInstance::getId).toList());
  }

  /** Fires the reminder timers, then the expiry timer, each once its predecessor has run. */
  private void expireAfterReminders(String pi) throws Exception {
    for (String timer : List.of(InvitationProcess.Ids.TIMER_FIRST_REMINDER, InvitationProcess.Ids.TIMER_SECOND_REMINDER,
        InvitationProcess.Ids.TIMER_EXPIRY)) {
      Job job = engine.getManagementService().createJobQuery().processInstanceId(pi).activityId(timer).singleResult();
      require(job != null, "no timer " + timer + " on " + pi);
      engine.getManagementService().setJobDuedate(job.getId(), new java.util.Date());
      await(timer + " of " + pi + " to fire", () -> engine.getManagementService().createJobQuery().processInstanceId(pi)
          .activityId(timer).count() == 0);
      // The reminder's send job (async) runs before the next timer is moved
      await("the jobs of " + pi + " besides timers to run", () -> engine.getManagementService().createJobQuery()
          .processInstanceId(pi).list().stream().allMatch(j -> j.getDuedate() != null && j.getDuedate().after(
              new java.util.Date())));
    }
  }

  private void closeAfterFollowUp(String pi) throws Exception {
    Task task = awaitTask(pi);
    require(InvitationProcess.Ids.FOLLOW_UP.equals(task.getTaskDefinitionKey()), "expected the follow-up, found "
        + task.getTaskDefinitionKey());
    // The follow-up's default decision closes the invitation
    VariableMap submitted = Variables.createVariables();
    InvitationProcess.FOLLOW_UP_DECISION.putIn(submitted, InvitationProcess.Decisions.FOLLOW_UP_CLOSE);
    submit(task, submitted);
    await("invitation " + pi + " to end", () -> ended(pi));
  }

  // --- referrals ----------------------------------------------------------------------------------

  /** A referral received (as the API or the mailbox poller hands it over), decided, and won, lost or declined. */
  private String referral(String source, String outcome) throws Exception {
    int n = SEQUENCE.incrementAndGet();
    Referral referral = app.context.getBean(ReferralIntake.class).receive(new NewReferral("Litware " + runTag + n,
        "Rosa", "Vidal", "rosa." + n + "@litware" + runTag + ".example", null, "ES", "es", "50 Microsoft 365 licences",
        source, NewReferral.SOURCE_API.equals(source) ? "dash-" + runTag + "-" + n : null));
    String pi = referral.processInstanceId();
    Task decide = awaitTask(pi);
    VariableMap decision = Variables.createVariables();
    if (ReferralProcess.Decisions.DECLINE.equals(outcome)) {
      ReferralProcess.DECISION.putIn(decision, ReferralProcess.Decisions.DECLINE);
      ReferralProcess.DECLINE_REASON.putIn(decision, "Outside our region");
      submit(decide, decision);
    } else {
      ReferralProcess.DECISION.putIn(decision, ReferralProcess.Decisions.ACCEPT);
      ReferralProcess.ESTIMATED_DEAL_VALUE.putIn(decision, 12_500.0);
      ReferralProcess.ESTIMATED_CLOSE_DATE.putIn(decision, java.time.LocalDate.now().plusDays(30).toString());
      submit(decide, decision);
      Task record = awaitTask(pi);
      VariableMap recorded = Variables.createVariables();
      ReferralProcess.OUTCOME.putIn(recorded, outcome);
      submit(record, recorded);
    }
    await("referral " + pi + " to end", () -> ended(pi));
    return pi;
  }

  // --- shared -------------------------------------------------------------------------------------

  private void submit(Task task, VariableMap submitted) {
    TaskService tasks = engine.getTaskService();
    asOperator(() -> {
      if (task.getAssignee() == null) {
        tasks.claim(task.getId(), "operator");
      }
      engine.getFormService().submitTaskForm(task.getId(), submitted);
      return null;
    });
  }

  /** The instance's next task, once the jobs before it have run. */
  private Task awaitTask(String pi) throws Exception {
    await("a task of " + pi, () -> engine.getTaskService().createTaskQuery().processInstanceId(pi).count() > 0);
    return engine.getTaskService().createTaskQuery().processInstanceId(pi).list().get(0);
  }

  /** Completes the instance's tasks with what the happy path's forms submit, until it has ended. */
  private void completeUntilEnded(String pi, OnboardingWorkload forms) throws Exception {
    while (true) {
      await("a task of " + pi + " or its end", () -> ended(pi)
          || engine.getTaskService().createTaskQuery().processInstanceId(pi).count() > 0);
      if (ended(pi)) {
        return;
      }
      Task task = awaitTask(pi);
      submit(task, forms.taskForm(task, engine.getFormService().getTaskFormVariables(task.getId(), null, false)));
    }
  }

  private boolean ended(String pi) {
    return engine.getHistoryService().createHistoricProcessInstanceQuery().processInstanceId(pi).finished().count() == 1;
  }

  private <T> T asOperator(java.util.function.Supplier<T> action) {
    engine.getIdentityService().setAuthentication("operator", List.of("operators"));
    try {
      return action.get();
    } finally {
      engine.getIdentityService().clearAuthentication();
    }
  }

  private void await(String what, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.currentTimeMillis() + Math.min(timeoutMs, 120_000);
    while (!condition.getAsBoolean()) {
      require(System.currentTimeMillis() < deadline, "timed out waiting for " + what);
      Thread.sleep(20);
    }
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("Dashboard templates: " + message);
    }
  }
}
