package io.partnerflow.benchmark;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The Markdown report: settings, then one table row per workload, variant and thread count. */
final class Report {

  private Report() {}

  static String markdown(BenchmarkSettings settings, List<Row> rows, Map<String, Double> startupSeconds) {
    StringBuilder out = new StringBuilder();
    out.append("Machine: ").append(Benchmark.machine()).append('\n');
    out.append(String.format(Locale.ROOT,
        "Database: %s; %d onboardings and %d invitations per round, %d warm-up + %d measured rounds "
            + "(and %d JIT warm-up rounds before the first variant), client threads %s, %d instances in flight "
            + "per client thread%n",
        settings.database(), settings.instances(), settings.invitations(), settings.warmupRounds(), settings.rounds(),
        settings.jvmWarmupRounds(),
        settings.threads(), settings.window()));
    out.append("Variants: ").append(settings.variants().stream().map(v -> v.id + " (" + v.description + ")")
        .collect(Collectors.joining("; "))).append('\n');
    out.append("Context start in this JVM (s): ").append(startupSeconds.entrySet().stream()
        .map(e -> String.format(Locale.ROOT, "%s %.1f", e.getKey(), e.getValue())).collect(Collectors.joining(", ")))
        .append(" (the first includes class loading)\n\n");
    if (rows.isEmpty()) {
      return out.toString();
    }
    out.append("Median (min–max) over the measured rounds. Latency: an instance's start to end; for invitations, ")
        .append("the accept request to the recorded relationship. Async: job creation to completion.\n\n");
    out.append("| variant | workload | threads | per s | latency p50 ms | latency p99 ms | async p50 ms | async p99 ms "
        + "| heap after GC MB | ours / baseline |\n");
    out.append("|---|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    for (Row row : rows) {
      out.append("| ").append(row.variant()).append(" | ").append(row.workload()).append(" | ").append(row.threads())
          .append(" | ").append(row.summary(RoundResult::perSecond).format(1))
          .append(" | ").append(row.summary(RoundResult::latencyP50Ms).format(0))
          .append(" | ").append(row.summary(RoundResult::latencyP99Ms).format(0))
          .append(" | ").append(row.summary(RoundResult::asyncP50Ms).format(0))
          .append(" | ").append(row.summary(RoundResult::asyncP99Ms).format(0))
          .append(" | ").append(row.summary(RoundResult::heapAfterGcMb).format(0))
          .append(" | ").append(row.ratios().isEmpty() ? "–" : Summary.of(row.ratios()).format(2))
          .append(" |\n");
    }
    return out.toString();
  }
}
