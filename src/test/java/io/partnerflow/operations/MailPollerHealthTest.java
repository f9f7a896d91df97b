package io.partnerflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.mail.MailboxPolling;
import io.partnerflow.testsupport.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Status;

/** A poller is DOWN once its last success (or its start) is more than three intervals ago, and only if scheduled. */
class MailPollerHealthTest {

  static final Duration INTERVAL = Duration.ofSeconds(10);

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T09:30:00Z"));

  @Test
  void downWhenTheLastSuccessIsOlderThanThreeIntervals() {
    MailboxPolling polling = new MailboxPolling("referrals", true, INTERVAL, clock);
    MailPollerHealth health = new MailPollerHealth(polling, 3);
    polling.succeeded();
    clock.advance(Duration.ofSeconds(30));
    polling.failed("jakarta.mail.MessagingException: Connection refused");
    assertThat(health.health().getStatus()).as("exactly 3 intervals").isEqualTo(Status.UP);
    assertThat(MailPollerGauges.lagSeconds(polling)).isEqualTo(30.0);

    clock.advance(Duration.ofSeconds(1));
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
    assertThat(health.health().getDetails()).containsEntry("lastError",
        "jakarta.mail.MessagingException: Connection refused");

    polling.succeeded();
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    assertThat(MailPollerGauges.lagSeconds(polling)).isZero();
  }

  @Test
  void aPollerThatNeverSucceededIsDownThreeIntervalsAfterItsStart() {
    MailboxPolling polling = new MailboxPolling("invitationReplies", true, INTERVAL, clock);
    MailPollerHealth health = new MailPollerHealth(polling, 3);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);
    clock.advance(Duration.ofSeconds(31));
    assertThat(health.health().getStatus()).isEqualTo(Status.DOWN);
  }

  @Test
  void aDisabledOrUnconfiguredPollerIsNotDownAndHasNoLag() {
    MailboxPolling disabled = new MailboxPolling("referrals", false, INTERVAL, clock);
    MailboxPolling unconfigured = new MailboxPolling("invitationReplies", true, INTERVAL, clock);
    unconfigured.notConfigured();
    clock.advance(Duration.ofHours(1));
    assertThat(new MailPollerHealth(disabled, 3).health().getStatus()).isEqualTo(Status.UP);
    assertThat(new MailPollerHealth(unconfigured, 3).health().getStatus()).isEqualTo(Status.UP);
    assertThat(MailPollerGauges.lagSeconds(disabled)).isNaN();
    assertThat(MailPollerGauges.lagSeconds(unconfigured)).isNaN();
  }
}
