package io.partnerflow.customer;

import java.time.Instant;

/** One line of the customer list. */
public record CustomerRow(
    String id,
    String companyName,
    String primaryDomain,
    Relationship relationship,
    boolean delegatedAdmin,
    String resellerId,
    String resellerName,
    String resellerPartnerId,
    Instant createdAt) {}
