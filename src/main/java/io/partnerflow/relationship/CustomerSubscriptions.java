package io.partnerflow.relationship;

import io.partnerflow.provisioning.CustomerTenants;
import io.partnerflow.provisioning.PartnerCenterCall;
import io.partnerflow.provisioning.PartnerCenterClient;
import io.partnerflow.provisioning.SubscriptionRecord;
import io.partnerflow.relationship.EndRelationshipProcess.ActiveSubscription;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A customer's subscriptions as the ending of a relationship sees them: which are active, and
 * suspending them in Partner Center and in our table.
 *
 * <p>Each suspension is recorded in a transaction of its own right after Partner Center confirmed
 * it, like a sent mail: if the job fails later (the next subscription, the removal), our table
 * still says what Partner Center did, and the retry suspends only what is left.
 */
@Service
public class CustomerSubscriptions {

  public static final String SUSPENDED = SubscriptionRecord.SUSPENDED;

  private static final Logger log = LoggerFactory.getLogger(CustomerSubscriptions.class);

  private static final RowMapper<ActiveSubscription> ROW = (rs, n) -> new ActiveSubscription(
      rs.getString("id"), rs.getString("offer_id"), rs.getString("offer_name"), rs.getInt("quantity"),
      rs.getString("reseller_partner_id"));

  private final JdbcClient jdbc;
  private final PartnerCenterClient partnerCenter;
  private final CustomerTenants tenants;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public CustomerSubscriptions(JdbcClient jdbc, PartnerCenterClient partnerCenter, CustomerTenants tenants,
      Clock clock, PlatformTransactionManager transactionManager) {
    this.jdbc = jdbc;
    this.partnerCenter = partnerCenter;
    this.tenants = tenants;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * The Partner Center idempotency key of one suspension: per subscription and per request to end
   * the relationship, so a subscription reactivated later can be suspended again by a new request.
   */
  public static String suspensionKey(String requestId, String subscriptionId) {
    return "suspend:" + requestId + ":" + subscriptionId;
  }

  /** The customer's ACTIVE subscriptions with their offers' names, in order-line order. */
  public List<ActiveSubscription> active(String customerId) {
    return withStatus(customerId, SubscriptionRecord.ACTIVE);
  }

  /** The customer's SUSPENDED subscriptions with their offers' names, in order-line order. */
  public List<ActiveSubscription> suspended(String customerId) {
    return withStatus(customerId, SUSPENDED);
  }

  /**
   * Suspends those of the given subscriptions that are still ACTIVE subscriptions of the customer.
   * Safe to run again after any failure: those already SUSPENDED are neither sent to Partner Center
   * again nor touched. Subscriptions not named stay as they are, even if active.
   *
   * @param requestId names this request in the Partner Center keys (the process instance id)
   * @param subscriptionIds the subscriptions the operator confirmed
   * @return the ids of the subscriptions suspended by this call, in order-line order
   */
  public List<String> suspend(String customerId, String requestId, Collection<String> subscriptionIds) {
    List<String> ids = active(customerId).stream().map(ActiveSubscription::subscriptionId)
        .filter(subscriptionIds::contains).toList();
    // The ledger's customers have no tenant of their own (null); a Partner Center client refuses that
    String tenantId = tenants.tenantOf(customerId).orElse(null);
    for (String subscriptionId : ids) {
      partnerCenter.suspendSubscription(new PartnerCenterCall(suspensionKey(requestId, subscriptionId), requestId),
          tenantId, subscriptionId);
      ownTransaction.executeWithoutResult(status -> jdbc.sql("""
              update subscription set status = ?, suspended_at = ? where id = ? and status = ?""")
          .params(SUSPENDED, Timestamp.from(clock.instant()), subscriptionId, SubscriptionRecord.ACTIVE)
          .update());
      log.info("Subscription {} of customer {} suspended", subscriptionId, customerId);
    }
    return ids;
  }

  private List<ActiveSubscription> withStatus(String customerId, String status) {
    return jdbc.sql("""
            select s.id, s.offer_id, o.name as offer_name, s.quantity, s.reseller_partner_id
            from subscription s join offer o on o.id = s.offer_id
            where s.customer_id = ? and s.status = ? order by s.line_number, s.id""")
        .params(customerId, status).query(ROW).list();
  }
}
