package io.partnerflow.customer;

import java.time.Instant;

/** One change of a customer's relationship (table {@code relationship_event}). */
public record RelationshipEvent(
    String relationship,
    boolean delegatedAdmin,
    Instant occurredAt,
    String actor,
    String source,
    String invitationId) {}
