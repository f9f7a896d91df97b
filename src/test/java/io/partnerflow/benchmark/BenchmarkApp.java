package io.partnerflow.benchmark;

import io.partnerflow.PartnerflowApplication;
import io.partnerflow.benchmark.BenchmarkSettings.Database;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.testsupport.ShippedConfiguration;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The product itself, started in this JVM on a fresh database for one variant: the H2 file
 * database of the embedded default (under target/benchmark), or a PostgreSQL database
 * {@code partnerflow_benchmark} that the benchmark drops and creates (never another one).
 */
final class BenchmarkApp implements AutoCloseable {

  static final String POSTGRES_DATABASE = "partnerflow_benchmark";

  final ConfigurableApplicationContext context;
  final ProcessEngine engine;
  final JdbcClient jdbc;
  final EmbeddedMailServer mailServer;
  final int port;
  final double startupSeconds;
  /** The manager's password for the page security (HTTP Basic): the demo one, or what the postgres profile needs. */
  final String managerPassword;

  private BenchmarkApp(ConfigurableApplicationContext context, double startupSeconds) {
    this.managerPassword = context.getEnvironment().getProperty("partnerflow.security.manager-password");
    this.context = context;
    this.engine = context.getBean(ProcessEngine.class);
    this.jdbc = context.getBean(JdbcClient.class);
    this.mailServer = context.getBean(EmbeddedMailServer.class);
    this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    this.startupSeconds = startupSeconds;
  }

  static BenchmarkApp start(Database database, Variant variant) {
    Map<String, String> properties = new HashMap<>();
    properties.put("server.port", "0");
    properties.put("partnerflow.mail.embedded.smtp-port", "0");
    properties.put("partnerflow.mail.embedded.imap-port", "0");
    properties.put("spring.main.banner-mode", "off");
    properties.put("logging.level.root", "WARN");
    SpringApplicationBuilder builder = new SpringApplicationBuilder(PartnerflowApplication.class);
    Path directory = Path.of("target", "benchmark", database.name().toLowerCase() + "-" + variant.id).toAbsolutePath();
    deleteRecursively(directory);
    // The mail store as shipped (next to the database), but fresh per variant and never ./data/mail
    properties.put("partnerflow.mail.embedded.store-dir", directory.resolve("mail").toString());
    if (database == Database.H2) {
      // The shipped URL and its settings (WRITE_DELAY=0), only the file moved
      properties.put("spring.datasource.url", ShippedConfiguration.h2UrlAt(directory.resolve("partnerflow")));
    } else {
      recreatePostgresDatabase();
      properties.put("spring.datasource.url", postgresUrl(POSTGRES_DATABASE));
      properties.put("spring.datasource.username", postgresUser());
      properties.put("spring.datasource.password", BenchmarkSettings.property("benchmark.postgres.password", ""));
      // The postgres profile refuses demo passwords
      properties.put("camunda.bpm.admin-user.password", "Benchmark-admin-1");
      properties.put("partnerflow.security.operator-password", "Benchmark-operator-1");
      properties.put("partnerflow.security.manager-password", "Benchmark-manager-1");
      properties.put("partnerflow.security.monitor-password", "Benchmark-monitor-1");
      builder.profiles("postgres");
    }
    variant.properties.forEach((name, value) -> {
      if (value.contains(Variant.H2_FILE) && database != Database.H2) {
        throw new IllegalArgumentException("benchmark.variants: " + variant.id + " is for H2 only");
      }
      properties.put(name, value.replace(Variant.H2_FILE, directory.resolve("partnerflow").toString()));
    });
    // The product's own configuration only: not the tests' config/application.properties, which the
    // test classpath also carries. Command-line arguments outrank application.yml.
    properties.put("spring.config.location", "classpath:/");
    String[] arguments = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue())
        .toArray(String[]::new);
    long started = System.nanoTime();
    ConfigurableApplicationContext context = builder.run(arguments);
    BenchmarkApp app = new BenchmarkApp(context, (System.nanoTime() - started) / 1e9);
    BaselineWorkload.deploy(app.engine);
    return app;
  }

  @Override
  public void close() {
    context.close();
  }

  private static String postgresUrl(String databaseName) {
    return BenchmarkSettings.property("benchmark.postgres.url", "jdbc:postgresql://127.0.0.1:5432/") + databaseName;
  }

  private static String postgresUser() {
    return BenchmarkSettings.property("benchmark.postgres.user", "postgres");
  }

  private static void recreatePostgresDatabase() {
    try (Connection admin = DriverManager.getConnection(postgresUrl("postgres"), postgresUser(),
        BenchmarkSettings.property("benchmark.postgres.password", ""));
        Statement statement = admin.createStatement()) {
      statement.execute("DROP DATABASE IF EXISTS " + POSTGRES_DATABASE + " WITH (FORCE)");
      statement.execute("CREATE DATABASE " + POSTGRES_DATABASE);
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot recreate PostgreSQL database " + POSTGRES_DATABASE + " at "
          + postgresUrl("postgres") + " as " + postgresUser() + " (needs CREATEDB): " + e.getMessage(), e);
    }
  }

  private static void deleteRecursively(Path directory) {
    if (!Files.exists(directory)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(directory)) {
      paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
