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
    return migrate(WITH_DEMO_DATA);
  }

  /** Schema and demo data as an older release left them: migrated up to this version only. */
  public static JdbcDataSource withDemoDataUpTo(String version) {
    JdbcDataSource dataSource = newDatabase();
    Flyway.configure().dataSource(dataSource).locations(WITH_DEMO_DATA).target(version).load().migrate();
    return dataSource;
  }

  /** Runs the migrations (with demo data) that the database has not had yet, as a newer release does at start. */
  public static void upgrade(JdbcDataSource dataSource) {
    Flyway.configure().dataSource(dataSource).locations(WITH_DEMO_DATA).load().migrate();
  }

  private static final String[] WITH_DEMO_DATA = {"classpath:db/migration", "classpath:db/vendor/h2", "classpath:db/demo"};

  private static JdbcDataSource migrate(String... locations) {
    JdbcDataSource dataSource = newDatabase();
    Flyway.configure().dataSource(dataSource).locations(locations).load().migrate();
    return dataSource;
  }

  private static JdbcDataSource newDatabase() {
    JdbcDataSource dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    dataSource.setUser("sa");
    return dataSource;
  }
}
