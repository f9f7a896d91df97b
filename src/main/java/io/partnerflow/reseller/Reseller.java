package io.partnerflow.reseller;

/** An indirect reseller from our reseller directory. */
public record Reseller(
    String id,
    String name,
    String partnerId,
    String country,
    String region,
    ResellerStatus status,
    boolean partnerAgreementSigned) {}
