package io.partnerflow.provisioning;

import java.time.LocalDate;

/**
 * The customer's acceptance of the Microsoft Customer Agreement as our registry attests it: the
 * contact who accepted and the date ({@code POST /v1/customers/{tenant}/agreements}).
 */
public record AgreementAcceptance(String firstName, String lastName, String email, String phoneNumber,
    LocalDate dateAgreed) {}
