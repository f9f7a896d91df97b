package io.partnerflow.provisioning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * The faults the simulated Partner Center is breaking with now: how many calls are still to fail,
 * until when every call fails, how long a call waits before its timeout. Shared by the job threads
 * and the administrators' switch, hence synchronized. Time is our {@link Clock}, the engine's, so
 * a test that moves the engine clock past {@code failFor} ends the outage.
 */
public final class SimulatedFaults {

  /** What is set now, as the administrators' switch shows it. */
  public record State(int failNext, Duration failFor, Instant failingUntil, Duration timeoutAfterWork) {}

  private final Clock clock;
  private PartnerCenterFaults settings = PartnerCenterFaults.NONE;
  private int failNextLeft;
  private Instant failingUntil;

  public SimulatedFaults(Clock clock, PartnerCenterFaults initial) {
    this.clock = clock;
    set(initial);
  }

  /**
   * Replaces every fault; {@code failFor} counts from now.
   *
   * @throws IllegalArgumentException when the settings break a rule ({@link PartnerCenterFaults#violations()})
   */
  public synchronized void set(PartnerCenterFaults faults) {
    if (!faults.violations().isEmpty()) {
      throw new IllegalArgumentException("Invalid Partner Center faults: " + faults.violations());
    }
    settings = faults;
    failNextLeft = faults.failNext();
    failingUntil = faults.failFor().isZero() ? null : clock.instant().plus(faults.failFor());
  }

  public synchronized State state() {
    return new State(failNextLeft, settings.failFor(), failingUntil, settings.timeoutAfterWork());
  }

  /**
   * Decides whether this call fails before doing anything, and counts it against {@code failNext}.
   * A call takes one of {@code failNext} first, so N failures are N calls even inside a
   * {@code failFor} period.
   *
   * @return why it fails (for the log and the exception), empty if it goes through
   */
  public synchronized Optional<String> failBeforeWork() {
    if (failNextLeft > 0) {
      failNextLeft--;
      return Optional.of("fail-next, " + failNextLeft + " more to fail");
    }
    if (failingUntil != null && clock.instant().isBefore(failingUntil)) {
      return Optional.of("fail-for, every call fails until " + failingUntil);
    }
    return Optional.empty();
  }

  /** How long a call waits after its work before it times out; zero = it answers. */
  public synchronized Duration timeoutAfterWork() {
    return settings.timeoutAfterWork();
  }
}
