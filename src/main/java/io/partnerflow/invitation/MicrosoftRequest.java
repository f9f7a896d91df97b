package io.partnerflow.invitation;

/**
 * The links a customer follows at Microsoft to accept an invitation (api mode).
 *
 * @param resellerLink Partner Center's reseller relationship request (Microsoft 365 admin center)
 * @param adminRelationshipId the Graph delegated admin relationship asked for; null when none was asked
 * @param adminApprovalLink where the customer's global admin approves that relationship; null when none
 */
public record MicrosoftRequest(String resellerLink, String adminRelationshipId, String adminApprovalLink) {

  /** Ledger mode: nothing to accept at Microsoft. */
  public static final MicrosoftRequest NONE = new MicrosoftRequest(null, null, null);

  /** The customer's approval page of a delegated admin relationship in the Microsoft 365 admin center. */
  public static String approvalLink(String adminRelationshipId) {
    return adminRelationshipId == null ? null
        : "https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/"
            + adminRelationshipId;
  }

  public boolean isEmpty() {
    return resellerLink == null && adminRelationshipId == null;
  }
}
