package io.partnerflow.invitation;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * Ledger mode (the default): the customer's answer on our page or by reply is the acceptance, and
 * nothing is asked of Microsoft. The process never checks Microsoft in this mode.
 */
@Component
@ConditionalOnProperty(name = "partnerflow.partner-center.mode", havingValue = "ledger", matchIfMissing = true)
public class LedgerMicrosoftRelationships implements MicrosoftRelationships {

  @Override
  public boolean acceptanceFromMicrosoft() {
    return false;
  }

  @Override
  public MicrosoftRequest request(Invitation invitation, String correlationKey) {
    return MicrosoftRequest.NONE;
  }

  @Override
  public MicrosoftCheck check(Invitation invitation, String correlationKey, long checkNumber) {
    throw new IllegalStateException("Ledger mode confirms acceptance by the customer's answer: nothing to check at"
        + " Microsoft for invitation " + invitation.id());
  }

  @Override
  public void recordTenant(String customerId, String tenantId) {
    // The ledger keeps no tenants of invited customers
  }
}
