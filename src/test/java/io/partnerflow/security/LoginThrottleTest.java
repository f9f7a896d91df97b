package io.partnerflow.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's arithmetic on a clock we move: who waits, how long, and what clears it. */
class LoginThrottleTest {

  private Instant now = Instant.parse("2026-12-05T10:00:00Z");
  private final LoginThrottle throttle = new LoginThrottle(5, Duration.ofSeconds(1), Duration.ofSeconds(60),
      Duration.ofMinutes(15), new Clock() {
        @Override
        public ZoneOffset getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now;
        }
      });

  @Test
  void fiveFreeFailuresThenTheWaitDoublesUpToTheMaximum() {
    for (int i = 0; i < 4; i++) {
      throttle.failed("manager", "10.0.0.1");
      assertThat(throttle.waitFor("manager", "10.0.0.1")).as("failure " + (i + 1)).isEmpty();
    }
    long[] expected = {1, 2, 4, 8, 16, 32, 60, 60};
    for (long seconds : expected) {
      throttle.failed("manager", "10.0.0.1");
      assertThat(throttle.waitFor("manager", "10.0.0.1")).contains(Duration.ofSeconds(seconds));
      assertThatThrownBy(() -> throttle.check("manager", "10.0.0.1")).isInstanceOf(LoginThrottledException.class)
          .hasMessageContaining("wait " + seconds + " s");
      now = now.plusSeconds(seconds);
      assertThat(throttle.waitFor("manager", "10.0.0.1")).as("after the wait").isEmpty();
    }
  }

  @Test
  void onlyTheFailingSourceWaits() {
    for (int i = 0; i < 10; i++) {
      throttle.failed("Manager", "10.0.0.1");
    }
    assertThat(throttle.waitFor("manager", "10.0.0.1")).as("user names ignore case").isPresent();
    assertThat(throttle.waitFor("manager", "10.0.0.2")).as("another address").isEmpty();
    assertThat(throttle.waitFor("operator", "10.0.0.1")).as("another user").isEmpty();
  }

  @Test
  void aSuccessOrAQuietQuarterOfAnHourClearsTheSource() {
    for (int i = 0; i < 5; i++) {
      throttle.failed("manager", "10.0.0.1");
      throttle.failed("operator", "10.0.0.1");
    }
    throttle.succeeded("manager", "10.0.0.1");
    assertThat(throttle.waitFor("manager", "10.0.0.1")).isEmpty();
    throttle.failed("manager", "10.0.0.1");
    assertThat(throttle.waitFor("manager", "10.0.0.1")).as("counting from one again").isEmpty();

    now = now.plus(Duration.ofMinutes(16));
    throttle.failed("operator", "10.0.0.1");
    assertThat(throttle.waitFor("operator", "10.0.0.1")).as("the old failures are forgotten").isEmpty();
  }

  @Test
  void retryAfterIsWholeSecondsAtLeastOne() {
    assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(10))).isEqualTo(1);
    assertThat(LoginThrottle.retryAfterSeconds(Duration.ofMillis(2001))).isEqualTo(3);
  }
}
