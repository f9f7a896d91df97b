package io.partnerflow.partner;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Who we are: the partner that runs this engine. An indirect provider sells through indirect
 * resellers and must name one for every new customer; a direct partner does not.
 */
@ConfigurationProperties("partnerflow.partner")
public record PartnerProfile(
    String name,
    String partnerId,
    boolean indirectProvider,
    String region,
    String operationsEmail) {}
