package io.partnerflow.benchmark;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Median and range of one figure over the measured rounds. */
record Summary(double median, double min, double max) {

  static Summary of(Collection<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    if (sorted.isEmpty()) {
      return new Summary(Double.NaN, Double.NaN, Double.NaN);
    }
    Collections.sort(sorted);
    int n = sorted.size();
    double median = n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    return new Summary(median, sorted.get(0), sorted.get(n - 1));
  }

  /** Nearest-rank percentile (p in 0..100) of raw samples. */
  static double percentile(Collection<Long> samples, double p) {
    if (samples.isEmpty()) {
      return Double.NaN;
    }
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.size());
    return sorted.get(Math.max(0, Math.min(sorted.size() - 1, rank - 1)));
  }

  /** e.g. {@code 41.2 (39.8–44.0)}; a single round shows its value only. */
  String format(int decimals) {
    if (Double.isNaN(median)) {
      return "–";
    }
    String pattern = "%." + decimals + "f";
    String m = String.format(Locale.ROOT, pattern, median);
    if (min == max) {
      return m;
    }
    return m + " (" + String.format(Locale.ROOT, pattern, min) + "–" + String.format(Locale.ROOT, pattern, max) + ")";
  }
}
