package io.partnerflow.config;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Child process of {@link H2KillDurabilityTest}: commits one row at a time into the H2 database at
 * the URL it is given, numbering on from the rows already there, and prints each row's number only after its commit returned, as the product
 * answers 2xx only after the engine's commit. It runs until it is killed.
 */
public final class H2CommitWriter {

  private H2CommitWriter() {}

  public static void main(String[] args) throws Exception {
    try (Connection connection = DriverManager.getConnection(args[0], "sa", "")) {
      try (Statement ddl = connection.createStatement()) {
        ddl.execute("create table if not exists committed (n int primary key, payload varchar(200))");
      }
      int first;
      try (Statement query = connection.createStatement();
          ResultSet max = query.executeQuery("select coalesce(max(n), 0) + 1 from committed")) {
        max.next();
        first = max.getInt(1);
      }
      connection.setAutoCommit(false);
      try (PreparedStatement insert = connection.prepareStatement("insert into committed values (?, ?)")) {
        for (int n = first; ; n++) {
          insert.setInt(1, n);
          insert.setString(2, "row " + n);
          insert.executeUpdate();
          connection.commit();
          System.out.println(n);
          System.out.flush();
          Thread.sleep(5);
        }
      }
    }
  }
}
