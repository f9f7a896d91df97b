package io.partnerflow.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where replies to invitations are read from.
 *
 * @param enabled polls on a schedule; off, {@link ReplyPoller#pollOnce()} still works when called
 * @param host IMAP host; empty = the embedded mail server's
 * @param port 0 = the embedded mail server's IMAP port when it runs, else the protocol's default
 * @param username empty = {@code partnerflow.invitation.reply-mailbox}
 * @param password any value works against the embedded server
 * @param protocol {@code imap} or {@code imaps}
 * @param pollInterval pause between two polls (ISO-8601, e.g. PT10S)
 */
@ConfigurationProperties("partnerflow.invitation.imap")
public record ImapProperties(
    @DefaultValue("true") boolean enabled,
    String host,
    @DefaultValue("0") int port,
    String username,
    String password,
    @DefaultValue("imap") String protocol,
    @DefaultValue("PT10S") Duration pollInterval) {

  public ImapProperties {
    protocol = protocol == null || protocol.isBlank() ? "imap" : protocol.strip().toLowerCase(java.util.Locale.ROOT);
    if (!protocol.equals("imap") && !protocol.equals("imaps")) {
      throw new IllegalArgumentException("partnerflow.invitation.imap.protocol must be imap or imaps, not " + protocol);
    }
    pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(10);
  }
}
