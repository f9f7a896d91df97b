package io.partnerflow.faults;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

/**
 * The suite's parameters ({@code -Dfaults.*}; the Maven profile passes empty values for unset ones,
 * which mean the default).
 *
 * @param scenarios scenario numbers 1–9, or "all", or "ci" (1, 2, 6, 8: about 3 minutes)
 * @param db h2, postgres or both; scenarios 1–2 are H2's, 3 and 5 PostgreSQL's, 4 and 6–9 run on each
 * @param deadlineSeconds how long a scenario waits for its instances to finish after the last fault
 * @param failoverDeadlineSeconds the same for scenario 5 (a dead node's jobs wait for their lock)
 * @param holdSeconds how long the SMTP server holds its final reply in scenario 4 (the issue: 400)
 * @param outageSeconds how long SMTP is down in scenario 6
 * @param batch onboardings per kill in scenarios 2 and 3, invitations per round in scenario 8, endings per
 *     round in scenario 9
 * @param submits review submits in scenario 5
 * @param windowMillis crash window after an SMTP acknowledgement ({@link Deliveries})
 */
record FaultSettings(int rounds, List<Integer> scenarios, List<String> dbs, int deadlineSeconds,
    int failoverDeadlineSeconds, int holdSeconds, int outageSeconds, int batch, int submits, long windowMillis,
    long seed, Path jar, Path out, String postgresServer, String postgresUser, String postgresPassword,
    List<String> nodeArgs) {

  static FaultSettings fromSystemProperties() throws Exception {
    Path out = Path.of(text("faults.out", "target/faults"));
    return new FaultSettings(
        number("faults.rounds", 3),
        scenarios(text("faults.scenarios", "all")),
        dbs(text("faults.db", "both")),
        number("faults.deadline-seconds", 150),
        number("faults.failover-deadline-seconds", 420),
        number("faults.hold-seconds", 30),
        number("faults.outage-seconds", 20),
        number("faults.batch", 3),
        number("faults.submits", 20),
        number("faults.window-ms", 1000),
        Long.parseLong(text("faults.seed", String.valueOf(System.nanoTime()))),
        jar(text("faults.jar", "")),
        out,
        text("faults.postgres.server", "jdbc:postgresql://127.0.0.1:5432/"),
        text("faults.postgres.user", "postgres"),
        text("faults.postgres.password", ""),
        text("faults.node-args", "").isBlank() ? List.of()
            : Arrays.asList(text("faults.node-args", "").strip().split("\\s+")));
  }

  boolean runsOn(String db) {
    return dbs.contains(db);
  }

  private static List<Integer> scenarios(String value) {
    return switch (value.strip().toLowerCase()) {
      case "all" -> List.of(1, 2, 3, 4, 5, 6, 7, 8, 9);
      case "ci" -> List.of(1, 2, 6, 8);
      default -> Arrays.stream(value.split(",")).map(String::strip).map(Integer::parseInt).toList();
    };
  }

  private static List<String> dbs(String value) {
    return switch (value.strip().toLowerCase()) {
      case "both" -> List.of("h2", "postgres");
      case "h2" -> List.of("h2");
      case "postgres" -> List.of("postgres");
      default -> throw new IllegalArgumentException("faults.db must be h2, postgres or both, not " + value);
    };
  }

  /** The packaged product: the given path, or the only target/partnerflow-*.jar. */
  private static Path jar(String value) throws Exception {
    if (!value.isBlank()) {
      return Path.of(value).toAbsolutePath();
    }
    List<Path> jars = new ArrayList<>();
    try (Stream<Path> files = Files.list(Path.of("target"))) {
      files.filter(p -> p.getFileName().toString().matches("partnerflow-.*\\.jar")).forEach(jars::add);
    }
    if (jars.size() != 1) {
      throw new IllegalStateException("expected one target/partnerflow-*.jar (package first), found " + jars);
    }
    return jars.get(0).toAbsolutePath();
  }

  private static String text(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private static int number(String name, int fallback) {
    return Integer.parseInt(text(name, String.valueOf(fallback)));
  }
}
