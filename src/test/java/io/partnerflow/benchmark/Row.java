package io.partnerflow.benchmark;

import java.util.List;

/** One line of the report: a workload at a thread count in one variant, over the measured rounds. */
record Row(String variant, String workload, int threads, List<RoundResult> rounds, List<Double> ratios) {

  Summary summary(java.util.function.ToDoubleFunction<RoundResult> figure) {
    return Summary.of(rounds.stream().map(figure::applyAsDouble).toList());
  }
}
