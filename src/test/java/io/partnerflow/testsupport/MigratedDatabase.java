package io.partnerflow.testsupport;

import java.util.UUID;
import org.flywaydb.core.Flyway;
import org.h2.jdbcx.JdbcDataSource;

/** A fresh in-memory H2 database built by our Flyway migrations, for registry tests without the engine. */
public final class MigratedDatabase {

  private MigratedDatabase() {}

  /** Schema only. */
  public static JdbcDataSource schemaOnly() {
    return migrate("classpath:db/migration", "classpath:db/vendor/h2");
  }

  /** Schema plus the demo reseller directory, offer catalog and the seeded customer Fabrikam. */
  public static JdbcDataSource withDemoData() {
    return migrate("classpath:db/migration", "classpath:db/vendor/h2", "classpath:db/demo");
  }

  private static JdbcDataSource migrate(String... locations) {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    Flyway.configure().dataSource(dataSource).locations(locations).load().migrate();
    return dataSource;
  }
}
