package io.partnerflow.mail;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a mailbox poller last achieved, for health checks and the poller-lag metric: when it last
 * read its mailbox without error, when it last failed and why. Wall-clock time, not the engine's
 * clock (process tests move that one by days). A poll that ends without reaching the mailbox (a
 * connection or login failure) is not a success, however often it runs.
 */
public final class MailboxPolling {

  private final String name;
  private final boolean scheduled;
  private final Duration interval;
  private final Clock clock;
  private final Instant createdAt;
  private volatile Instant lastSuccess;
  private volatile Instant lastFailure;
  private volatile String lastError;
  private volatile boolean configured = true;

  /**
   * @param name the poller's name in health and metrics (e.g. {@code invitationReplies})
   * @param scheduled whether it polls on a schedule; otherwise only when called (tests, disabled)
   * @param interval the pause between two scheduled polls
   */
  public MailboxPolling(String name, boolean scheduled, Duration interval, Clock clock) {
    this.name = name;
    this.scheduled = scheduled;
    this.interval = interval;
    this.clock = clock;
    this.createdAt = clock.instant();
  }

  public void succeeded() {
    configured = true;
    lastSuccess = clock.instant();
  }

  public void failed(String error) {
    configured = true;
    lastFailure = clock.instant();
    lastError = error;
  }

  /** The poll found nothing to read from (no mailbox configured): neither success nor failure. */
  public void notConfigured() {
    configured = false;
  }

  public String name() {
    return name;
  }

  public boolean scheduled() {
    return scheduled;
  }

  public boolean configured() {
    return configured;
  }

  public Duration interval() {
    return interval;
  }

  public Optional<Instant> lastSuccess() {
    return Optional.ofNullable(lastSuccess);
  }

  public Optional<Instant> lastFailure() {
    return Optional.ofNullable(lastFailure);
  }

  public Optional<String> lastError() {
    return Optional.ofNullable(lastError);
  }

  /**
   * Time since the last successful poll; before the first one, since this poller was created (so a
   * poller that never succeeds shows a growing lag, and one that just started shows none).
   */
  public Duration lag() {
    Instant since = lastSuccess != null ? lastSuccess : createdAt;
    Duration lag = Duration.between(since, clock.instant());
    return lag.isNegative() ? Duration.ZERO : lag;
  }
}
