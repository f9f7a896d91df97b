package io.partnerflow.invitation;

/**
 * Where an invitation's acceptance is confirmed. In ledger mode (the default, {@link LedgerMicrosoftRelationships})
 * the customer's own answer on our page or by reply is the acceptance. In api mode
 * ({@code partnercenter.MicrosoftRelationshipsApi}) Microsoft is: the invitation carries Partner Center's
 * reseller relationship request link (and, when delegated admin is asked, the approval link of a
 * Graph delegated admin relationship), and the relationship stands only once Partner Center lists the
 * customer as ours (and the admin relationship is active). What the customer tells us is still recorded.
 *
 * <p>Every call names the process instance that makes it ({@code correlationKey}, Partner Center's
 * {@code MS-CorrelationId}); a failure throws the {@code provisioning.PartnerCenter*Exception}s, so
 * the job that made the call is retried (or waits out a 429).
 */
public interface MicrosoftRelationships {

  /** True when Microsoft, not the customer's answer to us, confirms an acceptance (api mode). */
  boolean acceptanceFromMicrosoft();

  /**
   * What the customer must accept at Microsoft for this send of the invitation, asked for (or found
   * again, on a retry or a resend) now; {@link MicrosoftRequest#NONE} in ledger mode.
   */
  MicrosoftRequest request(Invitation invitation, String correlationKey);

  /**
   * What Microsoft shows now for the invitation's customer; once both relationships stand, finishes
   * the admin relationship's access assignments. {@code checkNumber} counts the checks of this send.
   */
  MicrosoftCheck check(Invitation invitation, String correlationKey, long checkNumber);

  /** Records the customer's tenant (Microsoft's id) for our customer, once the relationship is ours. */
  void recordTenant(String customerId, String tenantId);
}
