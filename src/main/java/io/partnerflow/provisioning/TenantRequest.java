package io.partnerflow.provisioning;

/**
 * What Partner Center needs to create a customer's tenant ({@code POST /v1/customers}): the company
 * profile's domain and the billing profile with its default address.
 *
 * @param customerId our registry's id of the customer (the ledger's tenant id; never sent to Microsoft)
 * @param domain the full primary domain, {@code <prefix>.onmicrosoft.com}
 * @param associatedPartnerId the indirect reseller's Partner Center id, or null when we sell direct
 */
public record TenantRequest(
    String customerId,
    String domain,
    String companyName,
    String culture,
    String language,
    String email,
    String firstName,
    String lastName,
    String phoneNumber,
    String addressLine1,
    String addressLine2,
    String city,
    String state,
    String postalCode,
    String country,
    String organizationRegistrationNumber,
    String associatedPartnerId) {}
