package io.partnerflow.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.process.ProcessVariable;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;

/**
 * What every process test driver does the way Tasklist and the job executor would: start and
 * complete as the operator, find tasks and jobs by activity and run jobs explicitly (the job
 * executor is off in tests), fix the engine clock, and read the mails the embedded server received.
 * Only starting and completing run authenticated (the groups and grants come from
 * {@code DemoUsersInitializer}); queries and assertions run unauthenticated, so the engine's
 * authorization checks never hide data from them.
 *
 * <p>A driver extends it and adds its process's forms; tests that import a driver's static members
 * get these too.
 */
public abstract class ProcessTestSupport {

  public static final String OPERATOR = "operator";
  public static final String OPERATORS = "operators";

  /** A fixed engine time; every test starts here (2026-03-04, UTC). */
  public static final Instant NOW = Instant.parse("2026-03-04T09:30:00Z");
  public static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

  /** Where the boundary events keep the BPMN error's message ({@code camunda:errorMessageVariable}). */
  public static final String ERROR_MESSAGE = "errorMessage";

  protected final RuntimeService runtimeService;
  protected final TaskService taskService;
  protected final ManagementService managementService;
  protected final IdentityService identityService;

  protected ProcessTestSupport(ProcessEngine engine) {
    this.runtimeService = engine.getRuntimeService();
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
    this.identityService = engine.getIdentityService();
  }

  // --- time -----------------------------------------------------------------------------------

  /** Sets the engine clock (and with it our {@code Clock} bean) to {@link #NOW}. */
  public static void fixEngineClock() {
    setClock(NOW);
  }

  public static void setClock(Instant instant) {
    ClockUtil.setCurrentTime(Date.from(instant));
  }

  // --- data -----------------------------------------------------------------------------------

  /** e.g. {@code contoso482913}: letters and digits, unique per test so tests never share a tenant or a mailbox. */
  public static String uniqueDomainPrefix(String base) {
    return base + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
  }

  // --- as the operator ------------------------------------------------------------------------

  /** Runs the work authenticated as the operator (in group operators), as Tasklist does. */
  protected <T> T asOperator(Supplier<T> work) {
    identityService.setAuthentication(OPERATOR, List.of(OPERATORS));
    try {
      return work.get();
    } finally {
      identityService.clearAuthentication();
    }
  }

  protected void asOperator(Runnable work) {
    asOperator(() -> {
      work.run();
      return null;
    });
  }

  /** Starts the process as the operator, as a start form does; the operator becomes the initiator. */
  protected ProcessInstance startAsOperator(String processKey, VariableMap variables) {
    return asOperator(() -> runtimeService.startProcessInstanceByKey(processKey, variables));
  }

  // --- tasks and jobs -------------------------------------------------------------------------

  /** The one open task of the instance at that activity; fails if it is not waiting there. */
  public Task task(ProcessInstance pi, String activityId) {
    List<Task> tasks = taskService.createTaskQuery().processInstanceId(pi.getId()).taskDefinitionKey(activityId).list();
    assertThat(tasks).as("open tasks at %s", activityId).hasSize(1);
    return tasks.get(0);
  }

  /** Completes the task as the operator, like Tasklist does for a logged-in operator. */
  public void complete(ProcessInstance pi, String activityId, VariableMap submitted) {
    String taskId = task(pi, activityId).getId();
    asOperator(() -> taskService.complete(taskId, submitted));
  }

  /** What a failing job showed after each run of its retry cycle: retries left, and the wait before the next run. */
  public record RetryCycle(List<Integer> retriesLeft, List<Duration> delays) {}

  /**
   * Runs a job that keeps failing through its whole retry cycle, moving the engine clock to each due
   * date, until it has no retries left (an incident); each run must fail with the given message part.
   */
  public RetryCycle runUntilNoRetriesLeft(String jobId, String failureMessagePart) {
    List<Integer> retriesLeft = new ArrayList<>();
    List<Duration> delays = new ArrayList<>();
    for (int attempt = 1; attempt <= 10; attempt++) {
      Instant failedAt = ClockUtil.getCurrentTime().toInstant();
      assertThatThrownBy(() -> managementService.executeJob(jobId)).hasMessageContaining(failureMessagePart);
      Job job = managementService.createJobQuery().jobId(jobId).singleResult();
      retriesLeft.add(job.getRetries());
      if (job.getRetries() == 0) {
        return new RetryCycle(retriesLeft, delays);
      }
      delays.add(Duration.between(failedAt, job.getDuedate().toInstant()));
      ClockUtil.setCurrentTime(Date.from(job.getDuedate().toInstant().plusSeconds(1)));
    }
    throw new AssertionError("job " + jobId + " still had retries after 10 runs: " + retriesLeft);
  }

  /** The job at that activity (an async continuation, or a boundary timer by the event's id). */
  public Job job(ProcessInstance pi, String activityId) {
    List<Job> jobs = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).list();
    assertThat(jobs).as("jobs at %s", activityId).hasSize(1);
    return jobs.get(0);
  }

  /** Runs the job at that activity, as the job executor would, whether it is due or not. */
  public void executeJob(ProcessInstance pi, String activityId) {
    managementService.executeJob(job(pi, activityId).getId());
  }

  // --- mails ----------------------------------------------------------------------------------

  /** The mails the embedded server received for that address, oldest first. */
  public static List<MimeMessage> mailsTo(EmbeddedMailServer server, String address) throws MessagingException {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage message : server.receivedMessages()) {
      if (isTo(message, address)) {
        out.add(message);
      }
    }
    return out;
  }

  /** Whether the mail is addressed (To) to that address, ignoring case. */
  public static boolean isTo(MimeMessage message, String address) throws MessagingException {
    Address[] to = message.getRecipients(Message.RecipientType.TO);
    return to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address));
  }

  /** The first body part of that type (e.g. text/plain), depth first, or null. */
  public static String bodyPart(Part part, String mimeType) throws MessagingException, IOException {
    if (part.isMimeType(mimeType)) {
      return (String) part.getContent();
    }
    if (part.isMimeType("multipart/*")) {
      Multipart multipart = (Multipart) part.getContent();
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = bodyPart(multipart.getBodyPart(i), mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  // --- validation -----------------------------------------------------------------------------

  /**
   * The broken rules of the last BPMN error raised by {@code Violations.enforce}, as "field/rule" in
   * order (e.g. {@code postalCode/postal-code-format}), read from the boundary event's
   * {@code errorMessage}; the errors variable the form shows must hold one sentence per rule.
   * Empty when the errors variable is empty or absent.
   */
  public static List<String> brokenRules(ProcessVariable<String> errorsVariable, Map<String, Object> variables) {
    String shown = errorsVariable.from(variables);
    if (shown == null || shown.isBlank()) {
      return List.of();
    }
    Object ruleIds = variables.get(ERROR_MESSAGE);
    assertThat(ruleIds).as("errorMessage beside %s", errorsVariable).isInstanceOf(String.class);
    List<String> out = List.of(((String) ruleIds).split(", "));
    assertThat(shown.lines().filter(l -> !l.isBlank()).toList()).as("one sentence per broken rule in %s", shown)
        .hasSameSizeAs(out).allSatisfy(line -> assertThat(line).startsWith("- ").doesNotContain("`"));
    return out;
  }
}
