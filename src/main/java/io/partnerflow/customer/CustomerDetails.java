package io.partnerflow.customer;

import io.partnerflow.catalog.Offer;
import io.partnerflow.catalog.OfferCatalog;
import io.partnerflow.provisioning.ProvisioningService;
import io.partnerflow.provisioning.SubscriptionRecord;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * What the customer detail page shows beyond the registry record: attestations with the current one
 * marked, subscriptions with offer names, and the process instances that touched the customer.
 */
@Service
public class CustomerDetails {

  /** Process variables that name the customer a process instance worked on. */
  public static final List<String> CUSTOMER_VARIABLES =
      List.of("customerId", "relationshipCustomerId", "existingCustomerId");

  static final int MAX_PROCESSES = 100;

  /** One agreement attestation; {@code current} marks the one in force. */
  public record Attestation(String agreementType, String templateId, LocalDate dateAccepted, String signerFirstName,
      String signerLastName, String signerEmail, String signerPhone, String attestedBy, Instant attestedAt,
      boolean current) {}

  /** One subscription with its offer's name (null when the offer is not in the catalog). */
  public record Subscription(String id, String offerId, String offerName, int quantity, String status,
      String resellerPartnerId, Instant provisionedAt) {}

  /** One process instance that touched the customer, as history knows it. */
  public record ProcessRun(String id, String definitionId, String definitionKey, String name, String state,
      Instant startedAt, Instant endedAt, String startedBy) {

    public boolean running() {
      return endedAt == null;
    }
  }

  private final JdbcClient jdbc;
  private final ProvisioningService provisioning;
  private final OfferCatalog offers;
  private final HistoryService historyService;

  public CustomerDetails(JdbcClient jdbc, ProvisioningService provisioning, OfferCatalog offers,
      HistoryService historyService) {
    this.jdbc = jdbc;
    this.provisioning = provisioning;
    this.offers = offers;
    this.historyService = historyService;
  }

  /** The customer's attestations, newest first. */
  public List<Attestation> attestations(String customerId) {
    return jdbc.sql("select * from agreement_attestation where customer_id = ? order by attested_at desc, id desc")
        .param(customerId)
        .query((rs, n) -> new Attestation(rs.getString("agreement_type"), rs.getString("template_id"),
            rs.getDate("date_accepted").toLocalDate(), rs.getString("signer_first_name"),
            rs.getString("signer_last_name"), rs.getString("signer_email"), rs.getString("signer_phone"),
            rs.getString("attested_by"), rs.getTimestamp("attested_at").toInstant(), rs.getBoolean("is_current")))
        .list();
  }

  public List<Subscription> subscriptions(String customerId) {
    Map<String, Offer> offersById = offers.allById();
    return provisioning.subscriptions(customerId).stream().map(s -> subscription(s, offersById.get(s.offerId())))
        .toList();
  }

  /**
   * The process instances (running and finished, newest first, at most {@value #MAX_PROCESSES}) with
   * any of {@link #CUSTOMER_VARIABLES} equal to the customer's id. Runs with the current user's
   * authorizations: only instances of definitions the user may read the history of.
   */
  public List<ProcessRun> processes(String customerId) {
    var query = historyService.createHistoricProcessInstanceQuery().or();
    for (String variable : CUSTOMER_VARIABLES) {
      query = query.variableValueEquals(variable, customerId);
    }
    return query.endOr().orderByProcessInstanceStartTime().desc().listPage(0, MAX_PROCESSES).stream()
        .map(CustomerDetails::run).toList();
  }

  private static Subscription subscription(SubscriptionRecord s, Offer offer) {
    return new Subscription(s.id(), s.offerId(), offer == null ? null : offer.name(), s.quantity(), s.status(),
        s.resellerPartnerId(), s.provisionedAt());
  }

  private static ProcessRun run(HistoricProcessInstance p) {
    String name = p.getProcessDefinitionName() != null ? p.getProcessDefinitionName() : p.getProcessDefinitionKey();
    return new ProcessRun(p.getId(), p.getProcessDefinitionId(), p.getProcessDefinitionKey(), name, p.getState(),
        p.getStartTime() == null ? null : p.getStartTime().toInstant(),
        p.getEndTime() == null ? null : p.getEndTime().toInstant(), p.getStartUserId());
  }
}
