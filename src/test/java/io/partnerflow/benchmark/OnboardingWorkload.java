package io.partnerflow.benchmark;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.testsupport.ProcessTestSupport;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Our customer-onboarding, indirect-provider happy path: the account form, the agreement form as
 * prefilled (signer = primary contact), reseller Adatum, two order lines, submit, hand-over. The
 * real delegates write the registry, provision through the simulated Partner Center and mail the
 * welcome to the in-process SMTP server.
 */
final class OnboardingWorkload implements Workload {

  private final ProcessEngine engine;
  private final JdbcClient jdbc;
  private final EmbeddedMailServer mailServer;
  private final String runTag;

  OnboardingWorkload(ProcessEngine engine, JdbcClient jdbc, EmbeddedMailServer mailServer, String runTag) {
    this.engine = engine;
    this.jdbc = jdbc;
    this.mailServer = mailServer;
    this.runTag = runTag;
  }

  @Override
  public String label() {
    return "ours: customer-onboarding";
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public VariableMap startForm(int sequence) {
    return OnboardingDriver.spanishAccountInfo("bench" + runTag + sequence);
  }

  @Override
  public VariableMap taskForm(Task task, VariableMap formVariables) {
    VariableMap submitted = Variables.createVariables();
    switch (task.getTaskDefinitionKey()) {
      case Ids.CONFIRM_CUSTOMER_AGREEMENT -> {
        AGREEMENT_DECISION.putIn(submitted, Decisions.AGREEMENT_CONFIRM);
        AGREEMENT_ACCEPTED.putIn(submitted, true);
        AGREEMENT_DATE_ACCEPTED.putIn(submitted, LocalDate.now().minusDays(1).toString());
        // Tasklist submits the prefilled signer fields back as they were loaded
        for (var signerField : List.of(SIGNER_FIRST_NAME, SIGNER_LAST_NAME, SIGNER_EMAIL, SIGNER_PHONE)) {
          signerField.putIn(submitted, signerField.from(formVariables));
        }
      }
      case Ids.SELECT_RESELLER -> RESELLER_ID.putIn(submitted, OnboardingDriver.RESELLER_ADATUM);
      case Ids.SELECT_SUBSCRIPTIONS -> ORDER_LINES.putIn(submitted, OnboardingDriver.E3_WITH_TEAMS_PHONE);
      case Ids.REVIEW -> REVIEW_DECISION.putIn(submitted, Decisions.REVIEW_SUBMIT);
      case Ids.HAND_OVER_CREDENTIALS -> CREDENTIALS_HANDED_OVER.putIn(submitted, true);
      default -> throw new IllegalStateException("The happy path never reaches " + task.getTaskDefinitionKey()
          + " (instance " + task.getProcessInstanceId() + "): " + formVariables);
    }
    return submitted;
  }

  @Override
  public List<String> asyncActivityIds() {
    return List.of(Ids.PROVISION_SUBSCRIPTIONS, Ids.SEND_WELCOME_EMAIL);
  }

  @Override
  public void verify(List<String> processInstanceIds) throws Exception {
    EndEvents.requireAll(engine, processInstanceIds, Ids.END_CUSTOMER_ONBOARDED);
    Set<String> contacts = new HashSet<>();
    int customers = 0;
    int activeSubscriptions = 0;
    for (List<String> chunk : Chunks.of(processInstanceIds, 500)) {
      Map<String, Object> in = Map.of("ids", chunk);
      customers += jdbc.sql("select count(*) from customer where relationship = 'RESELLER' "
          + "and onboarding_process_instance_id in (:ids)").params(in).query(Integer.class).single();
      activeSubscriptions += jdbc.sql("select count(*) from subscription s join customer c on c.id = s.customer_id "
          + "where s.status = 'ACTIVE' and c.onboarding_process_instance_id in (:ids)").params(in)
          .query(Integer.class).single();
      contacts.addAll(jdbc.sql("select k.email from contact k join customer c on c.id = k.customer_id "
          + "where c.onboarding_process_instance_id in (:ids)").params(in).query(String.class).list());
    }
    int n = processInstanceIds.size();
    require(customers == n, customers + " of " + n + " customers recorded");
    require(activeSubscriptions == 2 * n, activeSubscriptions + " of " + 2 * n + " subscriptions active");
    long welcomed = 0;
    for (MimeMessage mail : mailServer.receivedMessages()) {
      for (String contact : contacts) {
        if (ProcessTestSupport.isTo(mail, contact)) {
          welcomed++;
          break;
        }
      }
    }
    require(welcomed == n, welcomed + " of " + n + " welcome mails received");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalStateException("Onboarding run incomplete: " + message);
    }
  }
}
