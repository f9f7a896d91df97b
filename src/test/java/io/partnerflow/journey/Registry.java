package io.partnerflow.journey;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What a journey asserts after a step, read from the engine's history and our registry tables.
 * It never starts, completes or correlates anything: only the browser moves the processes.
 */
@Component
public class Registry {

  private static final Duration PATIENCE = Duration.ofSeconds(45);

  private final HistoryService history;
  private final JdbcClient jdbc;

  public Registry(HistoryService history, JdbcClient jdbc) {
    this.history = history;
    this.jdbc = jdbc;
  }

  /** The newest instance of a process with this business key, once it exists. */
  public HistoricProcessInstance instance(String processKey, String businessKey) {
    return await("an instance of " + processKey + " with business key " + businessKey,
        () -> history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
            .processInstanceBusinessKey(businessKey).orderByProcessInstanceStartTime().desc().list().stream()
            .findFirst());
  }

  /** All instances of a process with this business key, newest first. */
  public List<HistoricProcessInstance> instances(String processKey, String businessKey) {
    return history.createHistoricProcessInstanceQuery().processDefinitionKey(processKey)
        .processInstanceBusinessKey(businessKey).orderByProcessInstanceStartTime().desc().list();
  }

  /**
   * The end event an instance reached, waiting for its last (asynchronous) steps. Branch ends of a
   * still running instance (an invitation's reminders) do not count: only once the instance ended,
   * its last end event.
   */
  public String endEvent(String processInstanceId) {
    return await("the end of instance " + processInstanceId, () -> {
      HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
          .processInstanceId(processInstanceId).singleResult();
      if (instance == null || instance.getEndTime() == null) {
        return Optional.empty();
      }
      return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
          .activityType("noneEndEvent").finished().orderByHistoricActivityInstanceEndTime().asc()
          .orderPartiallyByOccurrence().asc().list().stream()
          .map(HistoricActivityInstance::getActivityId)
          .reduce((earlier, last) -> last);
    });
  }

  /** Whether an instance passed an activity (e.g. a boundary event or a service task). */
  public boolean passed(String processInstanceId, String activityId) {
    return history.createHistoricActivityInstanceQuery().processInstanceId(processInstanceId)
        .activityId(activityId).finished().count() > 0;
  }

  /** True while the instance exists and has not ended. */
  public boolean isRunning(String processInstanceId) {
    HistoricProcessInstance instance = history.createHistoricProcessInstanceQuery()
        .processInstanceId(processInstanceId).singleResult();
    return instance != null && instance.getEndTime() == null;
  }

  public Optional<Customer> customer(String domainPrefix) {
    return jdbc.sql("select id, company_name, relationship, address_line2 from customer where domain_prefix = ?")
        .param(domainPrefix.toLowerCase())
        .query((rs, n) -> new Customer(rs.getString("id"), rs.getString("company_name"), rs.getString("relationship"),
            rs.getString("address_line2")))
        .optional();
  }

  /** The customer, once a step wrote it (asynchronous steps write a moment later). */
  public Customer awaitCustomer(String domainPrefix, String relationship) {
    return await("customer " + domainPrefix + " with relationship " + relationship,
        () -> customer(domainPrefix).filter(c -> relationship.equals(c.relationship())));
  }

  /** The customer's subscriptions as offer id, quantity and status. */
  public List<String> subscriptions(String customerId) {
    return jdbc.sql("select offer_id, quantity, status from subscription where customer_id = ? order by offer_id")
        .param(customerId)
        .query((rs, n) -> rs.getString("offer_id") + " x" + rs.getInt("quantity") + " " + rs.getString("status"))
        .list();
  }

  public List<String> attestationSigners(String customerId) {
    return jdbc.sql("select signer_email, attested_by from agreement_attestation where customer_id = ?")
        .param(customerId).query((rs, n) -> rs.getString(1) + " by " + rs.getString(2)).list();
  }

  /** The status of the newest invitation for a domain prefix. */
  public String invitationStatus(String domainPrefix) {
    return jdbc.sql("select status from invitation where lower(domain_prefix) = ? order by created_at desc")
        .param(domainPrefix.toLowerCase()).query(String.class).list().stream().findFirst().orElse(null);
  }

  public String awaitInvitationStatus(String domainPrefix, String status) {
    return await("invitation of " + domainPrefix + " in status " + status,
        () -> Optional.ofNullable(invitationStatus(domainPrefix)).filter(status::equals));
  }

  /** A referral by company: status, decline reason, estimated value. */
  public Optional<Referral> referral(String companyName) {
    return jdbc.sql("select id, status, decline_reason, estimated_deal_value, onboarding_process_instance_id "
            + "from referral where company_name = ? order by received_at desc")
        .param(companyName)
        .query((rs, n) -> new Referral(rs.getString("id"), rs.getString("status"), rs.getString("decline_reason"),
            rs.getBigDecimal("estimated_deal_value") == null ? null : rs.getBigDecimal("estimated_deal_value").toPlainString(),
            rs.getString("onboarding_process_instance_id")))
        .list().stream().findFirst();
  }

  public Referral awaitReferral(String companyName, String status) {
    return await("referral of " + companyName + " in status " + status,
        () -> referral(companyName).filter(r -> status.equals(r.status())));
  }

  public static <T> T await(String what, Supplier<Optional<T>> probe) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (true) {
      Optional<T> found = probe.get();
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("Waited " + PATIENCE.toSeconds() + " s for " + what);
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("Interrupted while waiting for " + what, e);
      }
    }
  }

  public record Customer(String id, String companyName, String relationship, String addressLine2) {}

  public record Referral(String id, String status, String declineReason, String estimatedDealValue,
      String onboardingProcessInstanceId) {}
}
