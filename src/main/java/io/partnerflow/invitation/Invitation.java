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

  /**
   * A person as the registry records one: names at most {@value #NAME_MAX} characters (the registry's
   * limit, DOMAIN.md), empty when unknown, never null.
   */
  public record Person(String firstName, String lastName, String email) {

    public static final int NAME_MAX = 50;

    public Person {
      firstName = fit(firstName);
      lastName = fit(lastName);
    }

    private static String fit(String name) {
      String stripped = name == null ? "" : name.strip();
      return stripped.codePointCount(0, stripped.length()) <= NAME_MAX ? stripped
          : stripped.substring(0, stripped.offsetByCodePoints(0, NAME_MAX)).strip();
    }
  }

  /**
   * The global admin who accepted: the name confirmed on the acceptance page (its last word as last
   * name) or else the one the operator invited, and the address that answered or else the invited one.
   */
  public Person acceptingAdmin() {
    String email = answeredByEmail != null && !answeredByEmail.isBlank() ? answeredByEmail.strip() : adminEmail;
    String confirmed = answeredByName == null ? "" : answeredByName.strip();
    int split = confirmed.lastIndexOf(' ');
    if (split > 0) {
      return new Person(confirmed.substring(0, split), confirmed.substring(split + 1), email);
    }
    // One word (or none): the invited admin's names where we have them
    return new Person(adminFirstName != null ? adminFirstName : confirmed,
        adminLastName != null ? adminLastName : "", email);
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
