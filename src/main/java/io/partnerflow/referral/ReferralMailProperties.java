package io.partnerflow.referral;

import java.time.Duration;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The referrals mailbox: where prospects' requests (and forwarded Microsoft referral mails) arrive.
 *
 * @param enabled polls on a schedule; off, {@link ReferralMailPoller#pollOnce()} still works when called
 * @param mailbox the address read (and the IMAP login unless {@code username} is set)
 * @param host IMAP host; empty = the embedded mail server's
 * @param port 0 = the embedded mail server's IMAP port when it runs
 * @param username empty = {@code mailbox}
 * @param password any value works against the embedded server
 * @param protocol {@code imap} or {@code imaps}
 * @param pollInterval pause between two polls (ISO-8601, e.g. PT10S)
 */
@ConfigurationProperties("partnerflow.referral.mail")
public record ReferralMailProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("referrals@northwind-partners.example") String mailbox,
    String host,
    @DefaultValue("0") int port,
    String username,
    String password,
    @DefaultValue("imap") String protocol,
    @DefaultValue("PT10S") Duration pollInterval) {

  public ReferralMailProperties {
    protocol = protocol == null || protocol.isBlank() ? "imap" : protocol.strip().toLowerCase(Locale.ROOT);
    if (!protocol.equals("imap") && !protocol.equals("imaps")) {
      throw new IllegalArgumentException("partnerflow.referral.mail.protocol must be imap or imaps, not " + protocol);
    }
    pollInterval = pollInterval != null ? pollInterval : Duration.ofSeconds(10);
  }
}
