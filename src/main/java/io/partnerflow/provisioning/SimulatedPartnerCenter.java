package io.partnerflow.provisioning;

import io.partnerflow.provisioning.SimulatedPartnerCenterRecords.RemoteSubscription;
import io.partnerflow.provisioning.SimulatedPartnerCenterRecords.RemoteSuspension;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * The local ledger that stands in for Partner Center ({@code partnerflow.partner-center.mode=ledger}, the
 * default), faithful to its contract: it keeps
 * what it created in tables of its own ({@link SimulatedPartnerCenterRecords}), committed whatever
 * our transaction does, and the same idempotency key returns the same subscription.
 *
 * <p>It breaks on purpose when told to ({@link PartnerCenterFaults}: at start from
 * {@code partnerflow.partner-center.simulated.*}, at run time by an administrator): a 503 before any
 * work, or a timeout after the work was committed. Each injected fault is logged at WARN, so an
 * operator looking at a failed job sees that it was simulated.
 */
@Component
@ConditionalOnProperty(name = "partnerflow.partner-center.mode", havingValue = "ledger", matchIfMissing = true)
public class SimulatedPartnerCenter implements PartnerCenterClient {

  private static final Logger LOG = LoggerFactory.getLogger(SimulatedPartnerCenter.class);
  static final String PROPERTIES_PREFIX = "partnerflow.partner-center.simulated.";

  private final SimulatedFaults faults;
  private final SimulatedPartnerCenterRecords records;

  public SimulatedPartnerCenter(PartnerCenterFaults configured, JdbcClient jdbc, Clock clock,
      PlatformTransactionManager transactions) {
    if (!configured.violations().isEmpty()) {
      // A fault setting nobody can apply must stop the start, not be ignored
      throw new IllegalStateException("Invalid " + PROPERTIES_PREFIX + "*: " + configured.violations().stream()
          .map(v -> PROPERTIES_PREFIX + kebab(v.field()) + ": " + v.message()).collect(Collectors.joining("; ")));
    }
    this.faults = new SimulatedFaults(clock, configured);
    this.records = new SimulatedPartnerCenterRecords(jdbc, clock, transactions);
    if (!configured.equals(PartnerCenterFaults.NONE)) {
      LOG.warn("Simulated Partner Center starts with faults: {}", faults.state());
    }
  }

  /** The ledger knows only our registry, which the onboarding checks itself: no other tenant exists. */
  @Override
  public boolean domainTaken(String domain) {
    return false;
  }

  /**
   * The ledger's tenant is our registry's customer: its id is the customer's, and it has no password
   * of its own (the hand-over generates the temporary one, {@code onboarding.AdminPasswordHandOver}).
   */
  @Override
  public CustomerTenant createCustomer(PartnerCenterCall call, TenantRequest request) {
    return new CustomerTenant(request.customerId(), null, "admin@" + request.domain(), null);
  }

  /** Our registry's attestation is the ledger's record of the agreement (the ledger's faults spare it). */
  @Override
  public void acceptAgreement(PartnerCenterCall call, String tenantId, AgreementAcceptance acceptance) {
  }

  @Override
  public String createSubscription(PartnerCenterCall call, String tenantId, String offerId, int quantity,
      String resellerPartnerId) {
    return createSubscription(call.requestKey(), tenantId, offerId, quantity, resellerPartnerId);
  }

  @Override
  public void suspendSubscription(PartnerCenterCall call, String tenantId, String subscriptionId) {
    suspendSubscription(call.requestKey(), subscriptionId);
  }

  /** Our registry's relationship is the ledger's. */
  @Override
  public void removeRelationship(PartnerCenterCall call, String tenantId) {
  }

  /** Orders one subscription under the idempotency key (the ledger's own records). */
  public String createSubscription(String idempotencyKey, String customerId, String offerId, int quantity,
      String resellerPartnerId) {
    failIfTold("createSubscription", idempotencyKey);
    RemoteSubscription subscription = records.createOrRepeat(idempotencyKey, customerId, offerId, quantity,
        resellerPartnerId);
    LOG.info("Simulated Partner Center: subscription {} ({} x {}) for customer {}, request {} (seen {} time(s))",
        subscription.id(), quantity, offerId, customerId, idempotencyKey, subscription.requests());
    timeOutIfTold("createSubscription", idempotencyKey);
    return subscription.id();
  }

  /** Suspends one subscription under the idempotency key (the ledger's own records). */
  public void suspendSubscription(String idempotencyKey, String subscriptionId) {
    failIfTold("suspendSubscription", idempotencyKey);
    RemoteSuspension suspension = records.suspendOrRepeat(idempotencyKey, subscriptionId);
    LOG.info("Simulated Partner Center: subscription {} suspended, request {} (seen {} time(s))", subscriptionId,
        idempotencyKey, suspension.requests());
    timeOutIfTold("suspendSubscription", idempotencyKey);
  }

  /** The faults it breaks with now; the administrators' switch reads and replaces them. */
  public SimulatedFaults faults() {
    return faults;
  }

  /** What it created and suspended, as the remote system would show it. */
  public SimulatedPartnerCenterRecords records() {
    return records;
  }

  private void failIfTold(String operation, String idempotencyKey) {
    Optional<String> fault = faults.failBeforeWork();
    if (fault.isPresent()) {
      LOG.warn("Simulated Partner Center fault: {} request {} answered 503 Service Unavailable before any work;"
          + " cause: {}", operation, idempotencyKey, fault.get());
      throw new PartnerCenterUnavailableException(503,
          "Partner Center unavailable: 503 Service Unavailable (simulated " + fault.get() + ")");
    }
  }

  /** After the work is committed: the remote succeeded, but its answer never reaches us. */
  private void timeOutIfTold(String operation, String idempotencyKey) {
    Duration wait = faults.timeoutAfterWork();
    if (wait.isZero()) {
      return;
    }
    LOG.warn("Simulated Partner Center fault: {} request {} was carried out, but its answer is lost: waiting {},"
        + " then timing out (timeout-after-work)", operation, idempotencyKey, wait);
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    throw new PartnerCenterTimeoutException("Partner Center did not answer " + operation + " within " + wait
        + " (simulated timeout-after-work: the request was carried out)");
  }

  private static String kebab(String field) {
    return field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
  }
}
