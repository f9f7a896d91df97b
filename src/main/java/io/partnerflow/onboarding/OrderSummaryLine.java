package io.partnerflow.onboarding;

/** One line of the review table. */
public record OrderSummaryLine(int lineNumber, String offerId, String offerName, int quantity) {}
