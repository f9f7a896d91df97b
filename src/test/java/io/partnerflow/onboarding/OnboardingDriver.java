package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.catalog.OrderLineInput;
import io.partnerflow.mail.EmbeddedMailServer;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.camunda.bpm.engine.variable.Variables;

/**
 * Drives an onboarding the way Tasklist does: starts it with the account-info form's variables and
 * completes each task, as the operator, with the variables its form submits (see forms/*.form).
 * Only starting and completing run authenticated (the groups and grants come from
 * {@code DemoUsersInitializer}); queries and assertions run unauthenticated, so the engine's
 * authorization checks never hide data from them.
 */
public final class OnboardingDriver {

  public static final String OPERATOR = "operator";
  public static final String OPERATORS = "operators";

  /** A fixed engine time for the tests; today is 2026-03-04 (UTC). */
  public static final Instant NOW = Instant.parse("2026-03-04T09:30:00Z");
  public static final LocalDate TODAY = LocalDate.ofInstant(NOW, ZoneOffset.UTC);

  /** Demo data (db/demo/V1_1__demo_directory_and_catalog.sql). */
  public static final String RESELLER_ADATUM = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f01";
  public static final String RESELLER_ADATUM_PARTNER_ID = "5100231";
  public static final String RESELLER_TAILSPIN = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f02";
  public static final String RESELLER_LITWARE = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f03";
  public static final String RESELLER_PROSEWARE_INACTIVE = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f04";
  public static final String RESELLER_WINGTIP_NO_AGREEMENT = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f05";
  public static final String RESELLER_WOODGROVE_AMERICAS = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f06";
  /** Demo data (db/demo/V1_2__demo_existing_customer.sql). */
  public static final String FABRIKAM_CUSTOMER_ID = "0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10";

  public static final List<OrderLineInput> E3_WITH_TEAMS_PHONE =
      List.of(new OrderLineInput("O365-E3", 25), new OrderLineInput("TEAMS-PHONE-STANDARD", 10));

  private static final Pattern BROKEN_RULE = Pattern.compile("^- \\*\\*(.+?)\\*\\*: .* \\(`(.+?)`\\)$", Pattern.MULTILINE);

  private final RuntimeService runtimeService;
  private final TaskService taskService;
  private final ManagementService managementService;
  private final IdentityService identityService;

  public OnboardingDriver(ProcessEngine engine) {
    this.runtimeService = engine.getRuntimeService();
    this.taskService = engine.getTaskService();
    this.managementService = engine.getManagementService();
    this.identityService = engine.getIdentityService();
  }

  /** Sets the engine clock (and with it our {@code Clock} bean) to {@link #NOW}. */
  public static void fixEngineClock() {
    ClockUtil.setCurrentTime(Date.from(NOW));
  }

  /** e.g. {@code contoso482913}: letters and digits, unique per test so tests never share a tenant. */
  public static String uniqueDomainPrefix(String base) {
    return base + ThreadLocalRandom.current().nextInt(100_000, 1_000_000);
  }

  /** A valid account-info form for a Spanish customer in Madrid. */
  public static VariableMap spanishAccountInfo(String domainPrefix) {
    VariableMap v = Variables.createVariables();
    COMPANY_NAME.putIn(v, "Contoso Ibérica " + domainPrefix);
    DOMAIN_PREFIX.putIn(v, domainPrefix);
    ADDRESS_LINE1.putIn(v, "Calle de Alcalá 21");
    ADDRESS_LINE2.putIn(v, "");
    CITY.putIn(v, "Madrid");
    STATE.putIn(v, "");
    POSTAL_CODE.putIn(v, "28013");
    COUNTRY.putIn(v, "ES");
    CULTURE.putIn(v, "es-ES");
    LANGUAGE.putIn(v, "es");
    REGISTRATION_NUMBER.putIn(v, "");
    CONTACT_FIRST_NAME.putIn(v, "Lucía");
    CONTACT_LAST_NAME.putIn(v, "García");
    CONTACT_EMAIL.putIn(v, "lucia.garcia@" + domainPrefix + ".example");
    CONTACT_PHONE.putIn(v, "+34 915 123 456");
    return v;
  }

  /**
   * Starts an onboarding as the operator, as the start form in Tasklist does (the engine runs the
   * first steps synchronously); the operator becomes the initiator.
   */
  public ProcessInstance start(VariableMap accountInfo) {
    identityService.setAuthentication(OPERATOR, List.of(OPERATORS));
    try {
      return runtimeService.startProcessInstanceByKey(PROCESS_KEY, accountInfo);
    } finally {
      identityService.clearAuthentication();
    }
  }

  // --- the forms ------------------------------------------------------------------------------

  /** "Confirm customer agreement": accepted on the given date; signer fields as prefilled. */
  public void confirmAgreement(ProcessInstance pi, LocalDate dateAccepted) {
    VariableMap v = Variables.createVariables();
    AGREEMENT_DECISION.putIn(v, Decisions.AGREEMENT_CONFIRM);
    AGREEMENT_ACCEPTED.putIn(v, true);
    AGREEMENT_DATE_ACCEPTED.putIn(v, dateAccepted.toString());
    complete(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT, v);
  }

  public void confirmAgreement(ProcessInstance pi, VariableMap submitted) {
    complete(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT, submitted);
  }

  /** "Confirm customer agreement": cancel this onboarding for the given reason. */
  public void cancelAgreement(ProcessInstance pi, String reason) {
    VariableMap v = Variables.createVariables();
    AGREEMENT_DECISION.putIn(v, Decisions.AGREEMENT_CANCEL);
    CANCELLATION_REASON.putIn(v, reason);
    complete(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT, v);
  }

  public void selectReseller(ProcessInstance pi, String resellerId) {
    complete(pi, Ids.SELECT_RESELLER, RESELLER_ID.putIn(Variables.createVariables(), resellerId));
  }

  /** "Select subscriptions": the dynamic list arrives as JSON, as Tasklist submits it. */
  public void selectSubscriptions(ProcessInstance pi, List<OrderLineInput> lines) {
    complete(pi, Ids.SELECT_SUBSCRIPTIONS, ORDER_LINES.putIn(Variables.createVariables(), lines));
  }

  public void review(ProcessInstance pi, String decision) {
    complete(pi, Ids.REVIEW, REVIEW_DECISION.putIn(Variables.createVariables(), decision));
  }

  public void editAccountInfo(ProcessInstance pi, VariableMap accountInfo) {
    complete(pi, Ids.EDIT_ACCOUNT_INFO, accountInfo);
  }

  public void handOverCredentials(ProcessInstance pi) {
    complete(pi, Ids.HAND_OVER_CREDENTIALS, CREDENTIALS_HANDED_OVER.putIn(Variables.createVariables(), true));
  }

  /** From a valid start to the review: agreement today, reseller Adatum (if indirect), the given lines. */
  public void advanceToReview(ProcessInstance pi, List<OrderLineInput> lines) {
    confirmAgreement(pi, TODAY);
    if (Boolean.TRUE.equals(INDIRECT_PROVIDER.from(runtimeService.getVariables(pi.getId())))) {
      selectReseller(pi, RESELLER_ADATUM);
    }
    selectSubscriptions(pi, lines);
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
    identityService.setAuthentication(OPERATOR, List.of(OPERATORS));
    try {
      taskService.complete(taskId, submitted);
    } finally {
      identityService.clearAuthentication();
    }
  }

  /** The job waiting before that activity (an async continuation); fails if there is none. */
  public Job job(ProcessInstance pi, String activityId) {
    List<Job> jobs = managementService.createJobQuery().processInstanceId(pi.getId()).activityId(activityId).list();
    assertThat(jobs).as("jobs at %s", activityId).hasSize(1);
    return jobs.get(0);
  }

  /** Runs the job before that activity, as the job executor would. */
  public void executeJob(ProcessInstance pi, String activityId) {
    managementService.executeJob(job(pi, activityId).getId());
  }

  // --- reading results ------------------------------------------------------------------------

  /** The mails the embedded server received for that address, oldest first. */
  public static List<MimeMessage> mailsTo(EmbeddedMailServer server, String address) throws MessagingException {
    List<MimeMessage> out = new ArrayList<>();
    for (MimeMessage message : server.receivedMessages()) {
      Address[] to = message.getRecipients(Message.RecipientType.TO);
      if (to != null && Arrays.stream(to).anyMatch(a -> ((InternetAddress) a).getAddress().equalsIgnoreCase(address))) {
        out.add(message);
      }
    }
    return out;
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

  /**
   * The broken rules in an errors variable ({@code Violations.asBulletList}) as "field/rule", in
   * order, e.g. {@code postalCode/postal-code-format}; empty for an empty or absent list.
   */
  public static List<String> brokenRules(String bulletList) {
    List<String> out = new ArrayList<>();
    if (bulletList == null) {
      return out;
    }
    Matcher m = BROKEN_RULE.matcher(bulletList);
    while (m.find()) {
      out.add(m.group(1) + "/" + m.group(2));
    }
    assertThat(out).as("every line of %s is a broken rule", bulletList)
        .hasSize((int) bulletList.lines().filter(l -> !l.isBlank()).count());
    return out;
  }
}
