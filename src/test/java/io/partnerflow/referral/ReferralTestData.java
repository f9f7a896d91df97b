package io.partnerflow.referral;

import java.util.UUID;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** Hand-built collaborators for the referral tests without a Spring context. */
final class ReferralTestData {

  private ReferralTestData() {}

  /** A fresh in-memory database with our Flyway schema (referral, processed_mail, ...). */
  static DataSource database() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:referral-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    ds.setUser("sa");
    Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    return ds;
  }

  static NewReferral spanishRequest(String company, String email, String externalReference) {
    return new NewReferral(company, "Lucía", "García", email, "+34 915 123 456", "ES", "es",
        "Migrate 20 mailboxes to Exchange Online", NewReferral.SOURCE_API, externalReference);
  }
}
