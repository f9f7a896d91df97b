package io.partnerflow.customer;

import io.partnerflow.catalog.OrderLine;
import io.partnerflow.consent.AgreementAttestation;
import java.util.List;

/** Everything the review submits: written to the registry in one go. */
public record NewCustomer(
    AccountInfo accountInfo,
    AgreementAttestation attestation,
    String resellerId,
    String resellerPartnerId,
    List<OrderLine> orderLines,
    String adminUserName,
    String onboardingProcessInstanceId,
    String createdBy) {}
