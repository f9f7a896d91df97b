package io.partnerflow.benchmark;

import java.util.ArrayList;
import java.util.List;

/**
 * Ours against the same-shape baseline, in the same engine, at each thread count: warm-up rounds
 * first, then measured rounds that alternate which of the two goes first, so drift (a growing
 * history, a warming JIT) falls on both alike. The ratio is taken per round.
 */
final class OnboardingScenario {

  private static boolean jitWarmedUp;

  private final BenchmarkApp app;
  private final BenchmarkSettings settings;
  private final String variant;

  OnboardingScenario(BenchmarkApp app, BenchmarkSettings settings, String variant) {
    this.app = app;
    this.settings = settings;
    this.variant = variant;
  }

  List<Row> run(String runTag) throws Exception {
    Workload ours = new OnboardingWorkload(app.engine, app.jdbc, app.mailServer, runTag);
    Workload baseline = new BaselineWorkload(app.engine);
    PipelinedDriver driver = new PipelinedDriver(app.engine, "operator", List.of("operators"), settings.timeoutMs());
    List<Row> rows = new ArrayList<>();
    if (!jitWarmedUp) {
      // The first variant of a JVM would otherwise pay for compiling engine, Spring and our code
      for (int w = 0; w < settings.jvmWarmupRounds(); w++) {
        measure(driver, baseline, settings.threads().get(0));
        measure(driver, ours, settings.threads().get(0));
      }
      jitWarmedUp = true;
    }
    for (int threads : settings.threads()) {
      for (int w = 0; w < settings.warmupRounds(); w++) {
        measure(driver, baseline, threads);
        measure(driver, ours, threads);
      }
      List<RoundResult> oursRounds = new ArrayList<>();
      List<RoundResult> baselineRounds = new ArrayList<>();
      List<Double> ratios = new ArrayList<>();
      for (int round = 0; round < settings.rounds(); round++) {
        RoundResult b;
        RoundResult o;
        if (round % 2 == 0) {
          b = measure(driver, baseline, threads);
          o = measure(driver, ours, threads);
        } else {
          o = measure(driver, ours, threads);
          b = measure(driver, baseline, threads);
        }
        baselineRounds.add(b);
        oursRounds.add(o);
        ratios.add(o.perSecond() / b.perSecond());
        Benchmark.progress("%s onboarding %d thread(s) round %d: ours %.1f/s, baseline %.1f/s", variant, threads,
            round + 1, o.perSecond(), b.perSecond());
      }
      rows.add(new Row(variant, baseline.label(), threads, baselineRounds, List.of()));
      rows.add(new Row(variant, ours.label(), threads, oursRounds, ratios));
    }
    return rows;
  }

  private RoundResult measure(PipelinedDriver driver, Workload workload, int threads) throws Exception {
    PipelinedDriver.Run run = driver.run(workload, settings.instances(), threads, settings.window());
    double heapMb = Heap.usedAfterGcMb();
    workload.verify(run.processInstanceIds());
    ProcessMetrics metrics = new ProcessMetrics(app.engine);
    List<Long> latencies = metrics.instanceLatencies(run.processInstanceIds());
    List<Long> async = metrics.asyncLatencies(run.processInstanceIds(), workload.asyncActivityIds());
    return new RoundResult(run.perSecond(), Summary.percentile(latencies, 50), Summary.percentile(latencies, 99),
        Summary.percentile(async, 50), Summary.percentile(async, 99), heapMb);
  }
}
