package io.partnerflow.benchmark;

import java.util.Arrays;
import java.util.List;

/** What to run, from {@code -Dbenchmark.*} system properties (the README lists them). */
record BenchmarkSettings(int instances, int invitations, int rounds, int warmupRounds, int jvmWarmupRounds,
    List<Integer> threads,
    int window, Database database, List<Variant> variants, List<String> scenarios, int timeoutMs) {

  enum Database { H2, POSTGRES }

  static final List<String> ALL_SCENARIOS = List.of("onboarding", "invitation", "registry", "serialization", "dashboard");

  static BenchmarkSettings fromSystemProperties() {
    int instances = positive("benchmark.n", 200);
    return new BenchmarkSettings(
        instances,
        positive("benchmark.invitations", instances),
        positive("benchmark.rounds", 5),
        number("benchmark.warmup", 1, 0),
        number("benchmark.jvm-warmup", 3, 0),
        Arrays.stream(property("benchmark.threads", "1,2").split(",")).map(String::trim)
            .map(threads -> whole("benchmark.threads", threads, 1)).toList(),
        positive("benchmark.window", 16),
        database(property("benchmark.db", "h2")),
        Arrays.stream(property("benchmark.variants", "product").split(",")).map(String::trim)
            .map(Variant::byId).toList(),
        Arrays.stream(property("benchmark.scenarios", String.join(",", ALL_SCENARIOS)).split(","))
            .map(String::trim).peek(BenchmarkSettings::knownScenario).toList(),
        number("benchmark.timeout-ms", 600_000, 1));
  }

  private static void knownScenario(String scenario) {
    if (!ALL_SCENARIOS.contains(scenario)) {
      throw new IllegalArgumentException("benchmark.scenarios: unknown scenario '" + scenario + "'; known: " + ALL_SCENARIOS);
    }
  }

  private static int positive(String name, int fallback) {
    return number(name, fallback, 1);
  }

  private static Database database(String name) {
    return Arrays.stream(Database.values()).filter(d -> d.name().equalsIgnoreCase(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("benchmark.db must be h2 or postgres, was '" + name + "'"));
  }

  static int number(String name, int fallback, int minimum) {
    return whole(name, property(name, Integer.toString(fallback)), minimum);
  }

  private static int whole(String name, String text, int minimum) {
    int value;
    try {
      value = Integer.parseInt(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(name + " must be a whole number, was '" + text + "'");
    }
    if (value < minimum) {
      throw new IllegalArgumentException(name + " must be at least " + minimum + ", was " + value);
    }
    return value;
  }

  /** A blank value (Maven passes unset properties as empty) means the default. */
  static String property(String name, String fallback) {
    String value = System.getProperty(name);
    return value == null || value.isBlank() ? fallback : value.trim();
  }
}
