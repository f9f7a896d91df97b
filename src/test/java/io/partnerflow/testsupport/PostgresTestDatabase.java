package io.partnerflow.testsupport;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** The PostgreSQL test database ({@code test} on 127.0.0.1:5432 unless PARTNERFLOW_DB_* say otherwise). */
public final class PostgresTestDatabase {

  private PostgresTestDatabase() {}

  /**
   * Empties it, as on a fresh CI machine: a schema left by an older build (other migration
   * checksums, old deployments) must not decide the outcome.
   */
  public static void startEmpty() throws SQLException {
    String url = System.getenv().getOrDefault("PARTNERFLOW_DB_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    String user = System.getenv().getOrDefault("PARTNERFLOW_DB_USER", "postgres");
    try (Connection connection = DriverManager.getConnection(url, user,
        System.getenv().getOrDefault("PARTNERFLOW_DB_PASSWORD", ""));
        Statement statement = connection.createStatement()) {
      statement.execute("drop schema if exists public cascade");
      statement.execute("create schema public");
    }
  }
}
