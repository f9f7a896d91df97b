package io.partnerflow.benchmark;

import java.lang.management.ManagementFactory;

/** Heap still in use after a round: what the round left behind (caches, the mail store), not garbage. */
final class Heap {

  private Heap() {}

  static double usedAfterGcMb() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / (1024.0 * 1024.0);
  }
}
