package io.partnerflow.faults;

/** An instance a scenario drives to an end event: its id once known, and when the harness saw it end (epoch ms, 0 = not yet). */
class Awaited {
  String pi;
  long endedAt;
}
