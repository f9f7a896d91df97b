package io.partnerflow.benchmark;

import java.util.function.IntConsumer;

/** What the registry and serialization sections share: their own sizes, and timing one call repeated. */
final class SectionTiming {

  private SectionTiming() {}

  /** A whole number of at least 1 from {@code -Dname}; blank means the fallback (as in BenchmarkSettings). */
  static int positiveProperty(String name, int fallback) {
    return BenchmarkSettings.number(name, fallback, 1);
  }

  /** Mean ms per call over {@code calls} calls; each call gets its running number, so callers vary the arguments. */
  static double msPerCall(int calls, int firstNumber, IntConsumer call) {
    long started = System.nanoTime();
    for (int i = 0; i < calls; i++) {
      call.accept(firstNumber + i);
    }
    return (System.nanoTime() - started) / 1e6 / calls;
  }
}
