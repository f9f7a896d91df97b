package io.partnerflow.operations;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.testsupport.MutableClock;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.Status;

/** The SMTP check: a TCP connect, its result reused for the cache time, then checked again. */
class SmtpHealthIndicatorTest {

  final MutableClock clock = new MutableClock(Instant.parse("2026-03-04T09:30:00Z"));

  @Test
  void upWhileTheServerAcceptsDownOnceItIsGoneAfterTheCacheTime() throws Exception {
    ServerSocket server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
    int port = server.getLocalPort();
    SmtpHealthIndicator health =
        new SmtpHealthIndicator("127.0.0.1", port, Duration.ofSeconds(1), Duration.ofSeconds(5), clock);
    assertThat(health.health().getStatus()).isEqualTo(Status.UP);

    server.close();
    clock.advance(Duration.ofSeconds(4));
    assertThat(health.health().getStatus()).as("cached").isEqualTo(Status.UP);

    clock.advance(Duration.ofSeconds(1));
    Health down = health.health();
    assertThat(down.getStatus()).isEqualTo(Status.DOWN);
    assertThat(down.getDetails()).containsEntry("host", "127.0.0.1").containsEntry("port", port)
        .containsKey("error");
  }

  @Test
  void noConfiguredServerIsUnknownNotDown() {
    SmtpHealthIndicator health = new SmtpHealthIndicator(null, -1, Duration.ofSeconds(1), Duration.ZERO, clock);
    assertThat(health.health().getStatus()).isEqualTo(Status.UNKNOWN);
  }
}
