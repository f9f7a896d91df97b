package io.partnerflow.invitation;

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

  private final ReplyPoller poller;

  public ReplyPollingConfiguration(ReplyPoller poller) {
    this.poller = poller;
  }

  @Scheduled(initialDelayString = "${partnerflow.invitation.imap.poll-interval:PT10S}",
      fixedDelayString = "${partnerflow.invitation.imap.poll-interval:PT10S}")
  public void pollReplies() {
    poller.pollOnce();
  }
}
