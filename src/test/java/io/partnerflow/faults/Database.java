package io.partnerflow.faults;

import io.partnerflow.testsupport.ShippedConfiguration;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The database the nodes share: an H2 file (the embedded default's URL style, so H2's own default
 * settings are what is measured) or the PostgreSQL database {@code partnerflow_faults}, created
 * fresh for every scenario. The harness reads it over JDBC to count; an H2 file only once every
 * node has stopped (H2 file mode allows one process).
 */
abstract sealed class Database permits Database.H2File, Database.Postgres {

  abstract String label();

  /** Starts over with an empty database. */
  abstract void reset() throws Exception;

  /** The product arguments that point a node at it. */
  abstract List<String> productArgs();

  abstract Connection connect() throws SQLException;

  /** Whether the harness may read it while nodes run. */
  abstract boolean readableWhileRunning();

  static final class H2File extends Database {
    private final Path dir;

    H2File(Path dir) {
      this.dir = dir.toAbsolutePath();
    }

    @Override
    String label() {
      return "H2 file";
    }

    @Override
    void reset() throws IOException {
      if (Files.exists(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
            Files.delete(path);
          }
        }
      }
      Files.createDirectories(dir);
    }

    @Override
    List<String> productArgs() {
      // application.yml's URL with all its settings, only the folder differs
      return List.of("--spring.datasource.url=" + ShippedConfiguration.h2UrlAt(dir.resolve("partnerflow")));
    }

    @Override
    Connection connect() throws SQLException {
      return DriverManager.getConnection("jdbc:h2:file:" + dir + "/partnerflow", "sa", "");
    }

    @Override
    boolean readableWhileRunning() {
      return false;
    }
  }

  static final class Postgres extends Database {
    static final String NAME = "partnerflow_faults";
    private final String server; // e.g. jdbc:postgresql://127.0.0.1:5432/
    private final String user;
    private final String password;

    Postgres(String server, String user, String password) {
      this.server = server.endsWith("/") ? server : server + "/";
      this.user = user;
      this.password = password;
    }

    @Override
    String label() {
      return "PostgreSQL";
    }

    @Override
    void reset() throws SQLException {
      try (Connection admin = DriverManager.getConnection(server + "postgres", user, password);
          Statement statement = admin.createStatement()) {
        statement.execute("drop database if exists " + NAME + " with (force)");
        statement.execute("create database " + NAME);
      }
    }

    @Override
    List<String> productArgs() {
      return List.of("--spring.profiles.active=postgres", "--spring.datasource.url=" + server + NAME,
          "--spring.datasource.username=" + user, "--spring.datasource.password=" + password);
    }

    @Override
    Connection connect() throws SQLException {
      return DriverManager.getConnection(server + NAME, user, password);
    }

    @Override
    boolean readableWhileRunning() {
      return true;
    }
  }
}
