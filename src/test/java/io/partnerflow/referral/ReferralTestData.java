package io.partnerflow.referral;

import io.partnerflow.testsupport.MigratedDatabase;
import javax.sql.DataSource;

/** Hand-built collaborators for the referral tests without a Spring context. */
final class ReferralTestData {

  private ReferralTestData() {}

  /** A fresh in-memory database with our Flyway schema (referral, processed_mail, ...). */
  static DataSource database() {
    return MigratedDatabase.schemaOnly();
  }

  static NewReferral spanishRequest(String company, String email, String externalReference) {
    return new NewReferral(company, "Lucía", "García", email, "+34 915 123 456", "ES", "es",
        "Migrate 20 mailboxes to Exchange Online", NewReferral.SOURCE_API, externalReference);
  }
}
