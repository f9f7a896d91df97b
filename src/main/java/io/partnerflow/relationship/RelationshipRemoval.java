package io.partnerflow.relationship;

import io.partnerflow.customer.ActiveSubscriptionsException;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.provisioning.CustomerTenants;
import io.partnerflow.provisioning.PartnerCenterCall;
import io.partnerflow.provisioning.PartnerCenterClient;
import io.partnerflow.provisioning.PartnerCenterRejectedException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Ends the reseller relationship in our registry and in Partner Center, in one transaction (inside a
 * delegate the engine's): the registry's guard first (the customer row locked, no ACTIVE subscription),
 * then Partner Center, while the lock keeps a new order out. If Partner Center fails, the registry's
 * change rolls back with the job and the retry does both again; if Partner Center removed it but our
 * commit is lost, the retry finds it removed there (the same {@code MS-RequestId}, and the client reads
 * the customer before it writes) and commits ours. In the ledger ({@code mode=ledger}) the registry's
 * relationship is the ledger's, so Partner Center's part changes nothing.
 */
@Service
public class RelationshipRemoval {

  private final RelationshipService relationships;
  private final CustomerTenants tenants;
  private final PartnerCenterClient partnerCenter;

  public RelationshipRemoval(RelationshipService relationships, CustomerTenants tenants,
      PartnerCenterClient partnerCenter) {
    this.relationships = relationships;
    this.tenants = tenants;
    this.partnerCenter = partnerCenter;
  }

  /** The Partner Center request key of the removal asked for by one request (the process instance). */
  public static String requestKey(String requestId) {
    return "remove-relationship:" + requestId;
  }

  /**
   * Ends the relationship (registry, then Partner Center). Safe to call again after any failure.
   *
   * @param requestId names this request in Partner Center's keys (the process instance id); also its
   *     correlation id
   * @return true if the registry's relationship ended now, false if it had ended before
   * @throws ActiveSubscriptionsException a subscription is ACTIVE in our registry: nothing changed,
   *     Partner Center not called, the caller's transaction not marked for rollback
   * @throws RemovalRejectedException Partner Center refused for a business reason (e.g. 800029: it
   *     still has active subscriptions we do not know of); the registry's change rolls back with it
   */
  @Transactional(noRollbackFor = ActiveSubscriptionsException.class)
  public boolean remove(String customerId, String requestId, String actor, String reason) {
    boolean endedNow = relationships.removeRelationship(customerId, actor, reason);
    // The ledger's customers have no tenant of their own (null); a Partner Center client refuses that
    String tenantId = tenants.tenantOf(customerId).orElse(null);
    try {
      partnerCenter.removeRelationship(new PartnerCenterCall(requestKey(requestId), requestId), tenantId);
    } catch (PartnerCenterRejectedException rejected) {
      throw new RemovalRejectedException(customerId, tenantId, rejected);
    }
    return endedNow;
  }

  /**
   * Partner Center refused to end the relationship: what an operator reads in Cockpit's incident
   * (customer, tenant, Microsoft's code and reason). Fix it in Partner Center, then retry the job.
   */
  public static class RemovalRejectedException extends PartnerCenterRejectedException {

    private final String customerId;
    private final String tenantId;

    public RemovalRejectedException(String customerId, String tenantId, PartnerCenterRejectedException cause) {
      super(cause.status(), cause.code(), cause.description());
      initCause(cause);
      this.customerId = customerId;
      this.tenantId = tenantId;
    }

    @Override
    public String getMessage() {
      return "Partner Center refused to end the relationship with customer " + customerId + " (tenant " + tenantId
          + "): " + status() + (code() == null ? "" : " code " + code()) + ": " + description()
          + ". Nothing was ended here; fix it in Partner Center, then retry this job.";
    }
  }
}
