package io.partnerflow.invitation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Timing and mailboxes of invitations to connect.
 *
 * @param firstReminder after how long without an answer the first reminder goes out (ISO-8601, e.g. P3D)
 * @param secondReminder after how long the second reminder goes out
 * @param expiry after how long an unanswered invitation expires
 * @param replyMailbox the Reply-To address of invitation mails, polled over IMAP
 */
@ConfigurationProperties("partnerflow.invitation")
public record InvitationProperties(
    @DefaultValue("P3D") Duration firstReminder,
    @DefaultValue("P7D") Duration secondReminder,
    @DefaultValue("P30D") Duration expiry,
    String replyMailbox) {
}
