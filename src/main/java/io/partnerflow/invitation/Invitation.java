package io.partnerflow.invitation;

import io.partnerflow.customer.AccountInfo;
import java.time.Instant;

/** An invitation as the registry holds it. */
public record Invitation(
    String id,
    String processInstanceId,
    String companyName,
    String domainPrefix,
    String customerId,
    String adminEmail,
    String adminFirstName,
    String adminLastName,
    String culture,
    String language,
    boolean includeDelegatedAdmin,
    String personalMessage,
    String replyReference,
    InvitationStatus status,
    Instant expiresAt,
    int sendCount,
    Instant answeredAt,
    AnswerChannel answerChannel,
    String answeredByName,
    String answeredByEmail,
    String declineReason,
    String createdBy,
    Instant createdAt) {

  public String primaryDomain() {
    return domainPrefix + AccountInfo.DOMAIN_SUFFIX;
  }

  public String adminName() {
    String name = ((adminFirstName == null ? "" : adminFirstName) + " " + (adminLastName == null ? "" : adminLastName))
        .trim();
    return name.isEmpty() ? null : name;
  }

  /** Open for an answer at this instant: pending and not past its expiry. */
  public boolean isOpenAt(Instant now) {
    return status == InvitationStatus.PENDING && (expiresAt == null || now.isBefore(expiresAt));
  }
}
