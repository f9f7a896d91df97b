package io.partnerflow.provisioning;

import io.partnerflow.catalog.OrderLine;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;

/**
 * Turns a customer's order lines into subscriptions. Safe to run again after any failure: lines
 * that already have a subscription are skipped, and the commerce call is keyed per line.
 */
@Service
public class ProvisioningService {

  private static final RowMapper<SubscriptionRecord> ROW = (rs, n) -> new SubscriptionRecord(
      rs.getString("id"), rs.getString("customer_id"), rs.getInt("line_number"), rs.getString("offer_id"),
      rs.getInt("quantity"), rs.getString("status"), rs.getString("reseller_partner_id"),
      rs.getTimestamp("provisioned_at").toInstant());

  private final CustomerOrders customers;
  private final PartnerCenterClient partnerCenter;
  private final JdbcClient jdbc;
  private final Clock clock;

  public ProvisioningService(CustomerOrders customers, PartnerCenterClient partnerCenter, JdbcClient jdbc,
      Clock clock) {
    this.customers = customers;
    this.partnerCenter = partnerCenter;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public static String idempotencyKey(String customerId, int lineNumber) {
    return "subscription:" + customerId + ":" + lineNumber;
  }

  /**
   * Creates the missing subscriptions of the customer's order.
   *
   * @throws IllegalStateException when a subscription is still to be created but the customer is
   *     unknown or no longer has a reseller relationship with us (ended meanwhile): we may only sell
   *     to our customers, so the job becomes an incident for an operator to look at
   */
  public List<SubscriptionRecord> provision(String customerId) {
    List<OrderLine> missing = customers.orderLines(customerId).stream()
        .filter(line -> !hasSubscription(customerId, line.lineNumber()))
        .toList();
    if (!missing.isEmpty()) {
      customers.lockForNewOrders(customerId);
    }
    String resellerPartnerId = customers.orderResellerPartnerId(customerId).orElse(null);
    for (OrderLine line : missing) {
      String subscriptionId = partnerCenter.createSubscription(idempotencyKey(customerId, line.lineNumber()),
          customerId, line.offerId(), line.quantity(), resellerPartnerId);
      jdbc.sql("""
          insert into subscription (id, customer_id, line_number, offer_id, quantity, status, reseller_partner_id,
            provisioned_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(subscriptionId, customerId, line.lineNumber(), line.offerId(), line.quantity(),
              SubscriptionRecord.ACTIVE, resellerPartnerId, Timestamp.from(clock.instant()))
          .update();
    }
    return subscriptions(customerId);
  }

  public List<SubscriptionRecord> subscriptions(String customerId) {
    return jdbc.sql("select * from subscription where customer_id = ? order by line_number")
        .param(customerId).query(ROW).list();
  }

  private boolean hasSubscription(String customerId, int lineNumber) {
    return jdbc.sql("select count(*) from subscription where customer_id = ? and line_number = ?")
        .params(customerId, lineNumber).query(Integer.class).single() > 0;
  }
}
