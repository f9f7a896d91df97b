package io.partnerflow.catalog;

/** A catalog offer; an add-on may only be ordered together with (or on top of) its prerequisite. */
public record Offer(
    String id,
    String name,
    int minQuantity,
    int maxQuantity,
    boolean addOn,
    String prerequisiteOfferId,
    boolean retired) {}
