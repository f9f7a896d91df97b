package io.partnerflow.invitation;

import java.time.Instant;
import java.util.List;

/** A mail that arrived in the invitation mailbox, reduced to what matching and reading need. */
public record InboundReply(
    String messageId,
    String from,
    String subject,
    String inReplyTo,
    List<String> references,
    Instant receivedAt,
    String text) {}
