package io.partnerflow.provisioning;

import io.partnerflow.catalog.OrderLine;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
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
  private final CustomerTenants tenants;
  private final PartnerCenterClient partnerCenter;
  private final JdbcClient jdbc;
  private final Clock clock;

  public ProvisioningService(CustomerOrders customers, CustomerTenants tenants, PartnerCenterClient partnerCenter,
      JdbcClient jdbc, Clock clock) {
    this.customers = customers;
    this.tenants = tenants;
    this.partnerCenter = partnerCenter;
    this.jdbc = jdbc;
    this.clock = clock;
  }

  public static String idempotencyKey(String customerId, int lineNumber) {
    return "subscription:" + customerId + ":" + lineNumber;
  }

  /** The key of the call that creates the customer's tenant: one per customer, whatever retries it. */
  public static String tenantKey(String customerId) {
    return "customer:" + customerId;
  }

  /** Per customer and acceptance: a corrected acceptance is a new call, a retry of one the same. */
  public static String agreementKey(String customerId, AgreementAcceptance acceptance) {
    return "agreement:" + customerId + ":" + acceptance.dateAgreed() + ":" + acceptance.email();
  }

  /**
   * Sets the customer up in Partner Center and creates the missing subscriptions of its order: the
   * tenant (once; recorded as soon as Partner Center answered), the agreement acceptance the registry
   * attests (once), then one subscription per order line without one.
   *
   * @param correlationKey ties the calls together in Partner Center's logs (the process instance)
   * @throws IllegalStateException when a subscription is still to be created but the customer is
   *     unknown or no longer has a reseller relationship with us (ended meanwhile): we may only sell
   *     to our customers, so the job becomes an incident for an operator to look at
   * @throws CustomerRejectedException when Partner Center refuses to create the tenant (nothing exists
   *     at Microsoft yet)
   * @throws AgreementRejectedException when Partner Center refuses the agreement acceptance
   * @throws OrderRejectedException when Partner Center refuses to sell an offer (the lines before it
   *     are bought and recorded)
   */
  public List<SubscriptionRecord> provision(String customerId, String correlationKey) {
    List<OrderLine> missing = customers.orderLines(customerId).stream()
        .filter(line -> !hasSubscription(customerId, line.lineNumber()))
        .toList();
    if (missing.isEmpty()) {
      return subscriptions(customerId);
    }
    // First, as before any call: we may only set up and sell to our reseller customers
    customers.lockForNewOrders(customerId);
    String tenantId = tenants.tenantOf(customerId).orElseGet(() -> createTenant(customerId, correlationKey));
    Optional<AgreementAcceptance> acceptance = customers.agreementAcceptance(customerId);
    if (acceptance.isPresent() && !tenants.agreementAccepted(customerId)) {
      // Without an attestation there is nothing to send; Partner Center then refuses the order and says why
      try {
        partnerCenter.acceptAgreement(new PartnerCenterCall(agreementKey(customerId, acceptance.get()), correlationKey), tenantId,
            acceptance.get());
      } catch (PartnerCenterRejectedException rejected) {
        throw new AgreementRejectedException(rejected);
      }
      tenants.recordAgreementAccepted(customerId, acceptance.get().dateAgreed());
    }
    String resellerPartnerId = customers.orderResellerPartnerId(customerId).orElse(null);
    for (OrderLine line : missing) {
      String subscriptionId;
      try {
        subscriptionId = partnerCenter.createSubscription(
            new PartnerCenterCall(idempotencyKey(customerId, line.lineNumber()), correlationKey), tenantId,
            line.offerId(), line.quantity(), resellerPartnerId);
      } catch (PartnerCenterRejectedException rejected) {
        throw new OrderRejectedException(line.offerId(), rejected);
      }
      jdbc.sql("""
          insert into subscription (id, customer_id, line_number, offer_id, quantity, status, reseller_partner_id,
            provisioned_at) values (?, ?, ?, ?, ?, ?, ?, ?)""")
          .params(subscriptionId, customerId, line.lineNumber(), line.offerId(), line.quantity(),
              SubscriptionRecord.ACTIVE, resellerPartnerId, Timestamp.from(clock.instant()))
          .update();
    }
    return subscriptions(customerId);
  }

  private String createTenant(String customerId, String correlationKey) {
    CustomerTenant tenant;
    try {
      tenant = partnerCenter.createCustomer(new PartnerCenterCall(tenantKey(customerId), correlationKey),
          customers.tenantRequest(customerId));
    } catch (PartnerCenterRejectedException rejected) {
      throw new CustomerRejectedException(rejected);
    }
    tenants.record(customerId, tenant);
    return tenant.tenantId();
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
