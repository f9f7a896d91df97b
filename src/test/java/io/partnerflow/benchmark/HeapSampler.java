package io.partnerflow.benchmark;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.concurrent.atomic.AtomicLong;

/** Peak heap used while a round runs, sampled every 20 ms. */
final class HeapSampler implements AutoCloseable {

  private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
  private final AtomicLong peak = new AtomicLong();
  private final Thread sampler;
  private volatile boolean running = true;

  HeapSampler() {
    sample();
    sampler = new Thread(() -> {
      while (running) {
        sample();
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }, "benchmark-heap-sampler");
    sampler.setDaemon(true);
    sampler.start();
  }

  private void sample() {
    long used = memory.getHeapMemoryUsage().getUsed();
    peak.accumulateAndGet(used, Math::max);
  }

  double peakMb() {
    sample();
    return peak.get() / (1024.0 * 1024.0);
  }

  @Override
  public void close() {
    running = false;
    sampler.interrupt();
  }
}
