package io.partnerflow.operations;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;

/**
 * Whether the SMTP server mails go to accepts connections: a TCP connect with a short timeout,
 * no SMTP conversation (Boot's own mail check logs in and says EHLO on every probe). The result is
 * kept for a few seconds, so Kubernetes probes and Prometheus do not each open a connection.
 */
public class SmtpHealthIndicator implements HealthIndicator {

  private final String host;
  private final int port;
  private final Duration timeout;
  private final Duration cacheFor;
  private final Clock clock;
  private Health cached;
  private Instant checkedAt;

  public SmtpHealthIndicator(String host, int port, Duration timeout, Duration cacheFor, Clock clock) {
    this.host = host;
    this.port = port;
    this.timeout = timeout;
    this.cacheFor = cacheFor;
    this.clock = clock;
  }

  @Override
  public synchronized Health health() {
    Instant now = clock.instant();
    if (cached == null || !now.isBefore(checkedAt.plus(cacheFor))) {
      cached = check(now);
      checkedAt = now;
    }
    return cached;
  }

  private Health check(Instant now) {
    if (host == null || host.isBlank() || port <= 0) {
      return Health.unknown().withDetail("error", "no SMTP host and port configured").build();
    }
    Health.Builder health = Health.unknown().withDetail("host", host).withDetail("port", port)
        .withDetail("checkedAt", now.toString());
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(host, port), (int) Math.max(1, timeout.toMillis()));
      return health.up().build();
    } catch (IOException | IllegalArgumentException e) {
      return health.down().withDetail("error", e.toString()).build();
    }
  }
}
