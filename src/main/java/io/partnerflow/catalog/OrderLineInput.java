package io.partnerflow.catalog;

/** One subscription line as the "Select subscriptions" form submits it. */
public record OrderLineInput(String offerId, Integer quantity) {}
