package io.partnerflow.dashboard;

import java.util.Locale;

/** Durations as managers read them: "45 s", "12 min", "3.5 h", "2.1 d". */
final class Durations {

  private Durations() {}

  static String readable(double hours) {
    double seconds = hours * 3600;
    if (seconds < 90) {
      return Math.round(seconds) + " s";
    }
    if (seconds < 90 * 60) {
      return Math.round(seconds / 60) + " min";
    }
    if (hours < 48) {
      return String.format(Locale.ROOT, "%.1f h", hours);
    }
    return String.format(Locale.ROOT, "%.1f d", hours / 24);
  }

  /** Milliseconds (the engine's DURATION_) or seconds as hours; null stays null. */
  static Double hoursFromMillis(Number millis) {
    return millis == null ? null : millis.doubleValue() / 3_600_000d;
  }

  static Double hoursFromSeconds(Number seconds) {
    return seconds == null ? null : seconds.doubleValue() / 3600d;
  }
}
