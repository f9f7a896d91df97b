package io.partnerflow.invitation;

/**
 * What one look at Microsoft found for an invitation's customer.
 *
 * @param tenantId the customer's tenant, once Partner Center lists it as our reseller customer; else null
 * @param waitingFor what is still missing, for the log and Cockpit (null once established)
 */
public record MicrosoftCheck(String tenantId, String waitingFor) {

  public static MicrosoftCheck established(String tenantId) {
    return new MicrosoftCheck(tenantId, null);
  }

  public static MicrosoftCheck waitingFor(String what) {
    return new MicrosoftCheck(null, what);
  }

  /** Partner Center lists the customer as ours and, when asked, the admin relationship is active. */
  public boolean isEstablished() {
    return tenantId != null && waitingFor == null;
  }
}
