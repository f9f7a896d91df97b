package io.partnerflow.provisioning;

import java.sql.Timestamp;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The simulated Partner Center's own tables ({@code simulated_partner_center_subscription} and
 * {@code _suspension}), by idempotency key. Every write commits in a transaction of its own
 * (REQUIRES_NEW), whatever the caller's transaction does afterwards: a remote system's work is not
 * undone by our rollback, and that is the case a retry has to get right.
 */
public class SimulatedPartnerCenterRecords {

  /** One subscription as the simulated Partner Center keeps it. */
  public record RemoteSubscription(String id, String idempotencyKey, String customerId, String offerId,
      int quantity, String status, int requests) {}

  /** One suspension request as the simulated Partner Center keeps it. */
  public record RemoteSuspension(String idempotencyKey, String subscriptionId, int requests) {}

  private static final RowMapper<RemoteSubscription> SUBSCRIPTION = (rs, n) -> new RemoteSubscription(
      rs.getString("id"), rs.getString("idempotency_key"), rs.getString("customer_id"), rs.getString("offer_id"),
      rs.getInt("quantity"), rs.getString("status"), rs.getInt("requests"));
  private static final RowMapper<RemoteSuspension> SUSPENSION = (rs, n) -> new RemoteSuspension(
      rs.getString("idempotency_key"), rs.getString("subscription_id"), rs.getInt("requests"));

  private final JdbcClient jdbc;
  private final Clock clock;
  private final TransactionTemplate ownTransaction;

  public SimulatedPartnerCenterRecords(JdbcClient jdbc, Clock clock, PlatformTransactionManager transactions) {
    this.jdbc = jdbc;
    this.clock = clock;
    this.ownTransaction = new TransactionTemplate(transactions);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
  }

  /**
   * Creates the subscription, or counts one more request for the one this key created.
   *
   * @throws IllegalStateException when the key was first used for another customer, offer or
   *     quantity (Partner Center answers 409 Conflict: a key names one request)
   */
  public RemoteSubscription createOrRepeat(String idempotencyKey, String customerId, String offerId, int quantity,
      String resellerPartnerId) {
    return onceEvenIfConcurrent(() -> {
      Optional<RemoteSubscription> earlier = subscriptionByKey(idempotencyKey);
      if (earlier.isPresent()) {
        RemoteSubscription first = earlier.get();
        if (!first.customerId().equals(customerId) || !first.offerId().equals(offerId) || first.quantity() != quantity) {
          throw new IllegalStateException("409 Conflict: idempotency key " + idempotencyKey + " was used for "
              + first.quantity() + " x " + first.offerId() + " of customer " + first.customerId());
        }
        jdbc.sql("update simulated_partner_center_subscription set requests = requests + 1 where id = ?")
            .param(first.id()).update();
        return subscriptionByKey(idempotencyKey).orElseThrow();
      }
      String id = UUID.randomUUID().toString();
      jdbc.sql("""
          insert into simulated_partner_center_subscription (id, idempotency_key, customer_id, offer_id, quantity,
            reseller_partner_id, status, requests, created_at) values (?, ?, ?, ?, ?, ?, ?, 1, ?)""")
          .params(id, idempotencyKey, customerId, offerId, quantity, resellerPartnerId, SubscriptionRecord.ACTIVE,
              now())
          .update();
      return subscriptionByKey(idempotencyKey).orElseThrow();
    });
  }

  /**
   * Suspends the subscription (if it is one of ours and active) and records the request, or counts
   * one more request under a key seen before. A subscription it never created (made before the
   * simulator kept records) is suspended in name only: the request is still recorded.
   */
  public RemoteSuspension suspendOrRepeat(String idempotencyKey, String subscriptionId) {
    return onceEvenIfConcurrent(() -> {
      int repeated = jdbc.sql("update simulated_partner_center_suspension set requests = requests + 1"
          + " where idempotency_key = ?").param(idempotencyKey).update();
      if (repeated == 0) {
        jdbc.sql("""
            insert into simulated_partner_center_suspension (idempotency_key, subscription_id, requests, requested_at)
            values (?, ?, 1, ?)""").params(idempotencyKey, subscriptionId, now()).update();
        jdbc.sql("""
            update simulated_partner_center_subscription set status = ?, suspended_at = ? where id = ? and status = ?""")
            .params(SubscriptionRecord.SUSPENDED, now(), subscriptionId, SubscriptionRecord.ACTIVE).update();
      }
      return suspensionByKey(idempotencyKey).orElseThrow();
    });
  }

  public Optional<RemoteSubscription> subscriptionByKey(String idempotencyKey) {
    return jdbc.sql("select * from simulated_partner_center_subscription where idempotency_key = ?")
        .param(idempotencyKey).query(SUBSCRIPTION).optional();
  }

  public Optional<RemoteSubscription> subscription(String id) {
    return jdbc.sql("select * from simulated_partner_center_subscription where id = ?")
        .param(id).query(SUBSCRIPTION).optional();
  }

  public Optional<RemoteSuspension> suspensionByKey(String idempotencyKey) {
    return jdbc.sql("select * from simulated_partner_center_suspension where idempotency_key = ?")
        .param(idempotencyKey).query(SUSPENSION).optional();
  }

  /**
   * Runs the work in its own transaction; when a concurrent request with the same key inserted
   * first (duplicate key), once more in a fresh transaction, which then finds that row. (On
   * PostgreSQL a failed insert spoils its transaction, so the second try cannot share it.)
   */
  private <T> T onceEvenIfConcurrent(Supplier<T> work) {
    try {
      return ownTransaction.execute(status -> work.get());
    } catch (DuplicateKeyException concurrent) {
      return ownTransaction.execute(status -> work.get());
    }
  }

  private Timestamp now() {
    return Timestamp.from(clock.instant());
  }
}
