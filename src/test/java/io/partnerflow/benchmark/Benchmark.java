package io.partnerflow.benchmark;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The benchmark: {@code mvn -Pbenchmark verify} (README, "Performance"). In one JVM, for each
 * variant, starts the product on a fresh database, then drives onboardings (ours and the
 * same-shape baseline) and invitations, verifies every instance did its work, and prints a
 * Markdown table of medians and ranges over the measured rounds. Exits non-zero if any run failed.
 */
public final class Benchmark {

  private static final PrintStream OUT = System.out;

  /** A part of the benchmark that measures one choice on its own and reports its own Markdown section. */
  @FunctionalInterface
  interface Section {
    String run(BenchmarkApp app, BenchmarkSettings settings, String variant) throws Exception;
  }

  /** Sections by scenario name; they report in the order of BenchmarkSettings.ALL_SCENARIOS. */
  static final Map<String, Section> SECTIONS =
      Map.of("registry", RegistryScenario::run, "serialization", SerializationScenario::run, "dashboard",
          DashboardScenario::run);

  private Benchmark() {}

  public static void main(String[] args) {
    try {
      BenchmarkSettings settings = BenchmarkSettings.fromSystemProperties();
      String report = run(settings);
      OUT.println();
      OUT.println(report);
      Path file = Path.of("target", "benchmark", "report-" + settings.database().name().toLowerCase(Locale.ROOT) + ".md");
      Files.createDirectories(file.getParent());
      Files.writeString(file, report, StandardCharsets.UTF_8);
      OUT.println("Report written to " + file.toAbsolutePath());
      System.exit(0);
    } catch (Throwable failure) {
      failure.printStackTrace();
      System.err.println("BENCHMARK FAILED: " + failure.getMessage());
      System.exit(1);
    }
  }

  static String run(BenchmarkSettings settings) throws Exception {
    List<Row> rows = new ArrayList<>();
    List<String> sections = new ArrayList<>();
    Map<String, Double> startupSeconds = new LinkedHashMap<>();
    String runTag = Integer.toString(ThreadLocalRandom.current().nextInt(100, 1000));
    for (Variant variant : settings.variants()) {
      progress("%s: starting the product on a fresh %s database", variant.id, settings.database());
      try (BenchmarkApp app = BenchmarkApp.start(settings.database(), variant)) {
        startupSeconds.put(variant.id, app.startupSeconds);
        if (settings.scenarios().contains("onboarding")) {
          rows.addAll(new OnboardingScenario(app, settings, variant.id).run(runTag));
        }
        if (settings.scenarios().contains("invitation")) {
          rows.addAll(invitations(app, settings, variant.id, runTag));
        }
        for (String scenario : BenchmarkSettings.ALL_SCENARIOS) {
          if (SECTIONS.containsKey(scenario) && settings.scenarios().contains(scenario)) {
            sections.add(SECTIONS.get(scenario).run(app, settings, variant.id));
          }
        }
      }
    }
    return Report.markdown(settings, rows, startupSeconds) + String.join("\n", sections);
  }

  private static List<Row> invitations(BenchmarkApp app, BenchmarkSettings settings, String variant, String runTag)
      throws Exception {
    InvitationScenario scenario = new InvitationScenario(app.engine, app.jdbc, app.mailServer, app.port, runTag,
        settings.timeoutMs());
    List<Row> rows = new ArrayList<>();
    for (int threads : settings.threads()) {
      for (int w = 0; w < settings.warmupRounds(); w++) {
        scenario.round(settings.invitations(), threads);
      }
      List<RoundResult> rounds = new ArrayList<>();
      for (int round = 0; round < settings.rounds(); round++) {
        RoundResult result = scenario.round(settings.invitations(), threads);
        rounds.add(result);
        progress("%s invitation %d thread(s) round %d: %.1f accepts/s, p99 %.0f ms", variant, threads, round + 1,
            result.perSecond(), result.latencyP99Ms());
      }
      rows.add(new Row(variant, "ours: invitation accepted on the page", threads, rounds, List.of()));
    }
    return rows;
  }

  static void progress(String format, Object... args) {
    OUT.printf(Locale.ROOT, "[benchmark] " + format + "%n", args);
  }

  static String machine() {
    String cpu = "unknown CPU";
    try {
      cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
          .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(cpu);
    } catch (IOException ignored) {
      // not Linux: the core count and JVM still describe the machine
    }
    Runtime runtime = Runtime.getRuntime();
    return String.format(Locale.ROOT, "%d cores (%s), max heap %d MB, Java %s (%s), %s", runtime.availableProcessors(),
        cpu, runtime.maxMemory() / (1024 * 1024), System.getProperty("java.version"),
        ManagementFactory.getRuntimeMXBean().getVmName(), LocalDate.now());
  }
}
