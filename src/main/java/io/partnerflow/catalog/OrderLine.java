package io.partnerflow.catalog;

/** A validated order line; line numbers start at 0 and are unique within the order. */
public record OrderLine(int lineNumber, String offerId, int quantity) {}
