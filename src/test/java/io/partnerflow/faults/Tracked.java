package io.partnerflow.faults;

/** One onboarding the harness drives, with the moments its submits were acknowledged (epoch ms, 0 = not yet). */
final class Tracked {
  final String pi;
  final String prefix;
  volatile long reviewAcknowledgedAt;
  volatile long handOverAcknowledgedAt;
  volatile long finishedAt;
  volatile boolean undone;

  Tracked(String pi, String prefix) {
    this.pi = pi;
    this.prefix = prefix;
  }
}
