package io.partnerflow.invitation;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Polls the invitation reply mailbox on a schedule. Off with
 * {@code partnerflow.invitation.imap.enabled=false} (tests), where {@link ReplyPoller#pollOnce()}
 * is called directly instead.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
@ConditionalOnProperty(prefix = "partnerflow.invitation.imap", name = "enabled", havingValue = "true",
    matchIfMissing = true)
public class ReplyPollingConfiguration {

  private static final Logger log = LoggerFactory.getLogger(ReplyPollingConfiguration.class);

  private final ReplyPoller poller;

  public ReplyPollingConfiguration(ReplyPoller poller) {
    this.poller = poller;
  }

  @Scheduled(initialDelayString = "${partnerflow.invitation.imap.poll-interval:PT10S}",
      fixedDelayString = "${partnerflow.invitation.imap.poll-interval:PT10S}")
  public void pollReplies() {
    // pollOnce reports an unreachable mailbox itself; anything else it throws ends this poll only.
    // Caught here rather than left to the scheduler's error handler, which may be one that rethrows,
    // and a periodic task that throws is never run again.
    try {
      poller.pollOnce();
    } catch (RuntimeException e) {
      log.warn("Polling the invitation reply mailbox failed; trying again at the next interval", e);
    }
  }
}
