package io.partnerflow.provisioning;

/**
 * A customer's tenant as Partner Center created (or had already created) it. The admin credentials
 * come only with the answer that created it; a tenant found again by re-reading has none.
 *
 * @param adminPassword null when unknown to us (the ledger, or a tenant found again)
 */
public record CustomerTenant(String tenantId, String commerceId, String adminUserName, String adminPassword) {

  @Override
  public String toString() {
    // Never the password: this record reaches logs and exceptions
    return "CustomerTenant[tenantId=" + tenantId + ", commerceId=" + commerceId + ", adminUserName="
        + adminUserName + ", adminPassword=" + (adminPassword == null ? "none" : "(hidden)") + "]";
  }
}
