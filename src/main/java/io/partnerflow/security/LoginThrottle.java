package io.partnerflow.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Slows password guessing without letting anyone lock another person out. Failures are counted per
 * source, the pair (user name, client address): after {@code free-failures} of them that source
 * waits, {@code base-delay} after the last free one, doubling per further failure up to {@code max-delay}, and is refused at
 * once (429) while it waits; a success or {@code forget-after} without failures clears it. The
 * engine itself never locks or delays users (application.yml: {@code login-max-attempts},
 * {@code login-delay-base}), so the right password from any other source works at any time.
 * Counted in memory, per node: a restart forgets, which only helps the owner.
 */
@Component
public class LoginThrottle {

  /** Kept failures at most; past it, stale entries go first, then everything (memory stays bounded). */
  static final int MAX_SOURCES = 10_000;

  private record Source(String user, String address) {}

  private record Failures(int count, Instant last, Instant waitUntil) {}

  private final Map<Source, Failures> failures = new ConcurrentHashMap<>();
  private final int freeFailures;
  private final Duration baseDelay;
  private final Duration maxDelay;
  private final Duration forgetAfter;
  private final Clock clock;

  @Autowired
  public LoginThrottle(@Value("${partnerflow.security.login-throttle.free-failures:5}") int freeFailures,
      @Value("${partnerflow.security.login-throttle.base-delay:PT1S}") Duration baseDelay,
      @Value("${partnerflow.security.login-throttle.max-delay:PT1M}") Duration maxDelay,
      @Value("${partnerflow.security.login-throttle.forget-after:PT15M}") Duration forgetAfter) {
    this(freeFailures, baseDelay, maxDelay, forgetAfter, Clock.systemUTC());
  }

  LoginThrottle(int freeFailures, Duration baseDelay, Duration maxDelay, Duration forgetAfter, Clock clock) {
    this.freeFailures = freeFailures;
    this.baseDelay = baseDelay;
    this.maxDelay = maxDelay;
    this.forgetAfter = forgetAfter;
    this.clock = clock;
  }

  /** How long this source must still wait before its next attempt is checked; empty if it may try now. */
  public Optional<Duration> waitFor(String user, String address) {
    Failures current = failures.get(source(user, address));
    Instant now = clock.instant();
    if (current == null || current.waitUntil() == null || !current.waitUntil().isAfter(now)) {
      return Optional.empty();
    }
    return Optional.of(Duration.between(now, current.waitUntil()));
  }

  /** @throws LoginThrottledException if this source must wait */
  public void check(String user, String address) {
    waitFor(user, address).ifPresent(wait -> {
      throw new LoginThrottledException(wait);
    });
  }

  public void failed(String user, String address) {
    Instant now = clock.instant();
    if (failures.size() >= MAX_SOURCES) {
      failures.values().removeIf(f -> f.last().plus(forgetAfter).isBefore(now));
      if (failures.size() >= MAX_SOURCES) {
        failures.clear();
      }
    }
    failures.compute(source(user, address), (key, previous) -> {
      int count = previous == null || previous.last().plus(forgetAfter).isBefore(now) ? 1 : previous.count() + 1;
      Instant waitUntil = count < freeFailures ? null : now.plus(delay(count - freeFailures + 1));
      return new Failures(count, now, waitUntil);
    });
  }

  public void succeeded(String user, String address) {
    failures.remove(source(user, address));
  }

  /** base-delay after the last free failure, doubling after, at most max-delay. */
  private Duration delay(int beyondFree) {
    long factor = 1L << Math.min(beyondFree - 1, 20);
    Duration delay = baseDelay.multipliedBy(factor);
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }

  private static Source source(String user, String address) {
    return new Source(user == null ? "" : user.trim().toLowerCase(Locale.ROOT), address == null ? "" : address);
  }

  /** Seconds to announce in Retry-After: whole seconds, at least 1. */
  public static long retryAfterSeconds(Duration wait) {
    return Math.max(1, (wait.toMillis() + 999) / 1000);
  }

  /** The sentence shown to the waiting source. */
  public static String message(Duration wait) {
    return "Too many failed sign-ins for this user from your address: wait " + retryAfterSeconds(wait)
        + " s before trying again.";
  }
}
