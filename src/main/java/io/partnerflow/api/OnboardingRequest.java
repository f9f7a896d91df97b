package io.partnerflow.api;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.PrimaryContact;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The account info of a new customer, as the partner portal sends it: the fields of the
 * "Add a new customer" start form, with the primary contact nested.
 */
@Schema(description = "Account info of the new customer and its primary contact")
public record OnboardingRequest(
    @Schema(example = "Contoso Iberia S.L.", requiredMode = Schema.RequiredMode.REQUIRED) String companyName,
    @Schema(description = "The part before .onmicrosoft.com: 2 to 27 letters or digits", example = "contosoiberia",
        requiredMode = Schema.RequiredMode.REQUIRED) String domainPrefix,
    @Schema(example = "Calle Mayor 1", requiredMode = Schema.RequiredMode.REQUIRED) String addressLine1,
    String addressLine2,
    @Schema(example = "Madrid", requiredMode = Schema.RequiredMode.REQUIRED) String city,
    @Schema(description = "Required in some countries (e.g. US)") String state,
    @Schema(description = "In the country's format", example = "28013") String postalCode,
    @Schema(description = "ISO 3166 alpha-2", example = "ES", requiredMode = Schema.RequiredMode.REQUIRED)
    String country,
    @Schema(example = "es-ES", requiredMode = Schema.RequiredMode.REQUIRED) String culture,
    @Schema(example = "es", requiredMode = Schema.RequiredMode.REQUIRED) String language,
    @Schema(description = "Required in some countries (e.g. RU: the INN or OGRN; HU, KZ, BY ...)")
    String registrationNumber,
    @Schema(requiredMode = Schema.RequiredMode.REQUIRED) Contact contact) {

  /** The customer's primary contact. */
  public record Contact(
      @Schema(example = "Lucía", requiredMode = Schema.RequiredMode.REQUIRED) String firstName,
      @Schema(example = "García", requiredMode = Schema.RequiredMode.REQUIRED) String lastName,
      @Schema(example = "lucia.garcia@contoso-iberia.example", requiredMode = Schema.RequiredMode.REQUIRED)
      String email,
      @Schema(example = "+34 910 000 000") String phone) {}

  AccountInfo toAccountInfo() {
    Contact c = contact != null ? contact : new Contact(null, null, null, null);
    return new AccountInfo(clean(companyName), clean(domainPrefix), clean(addressLine1), clean(addressLine2),
        clean(city), clean(state), clean(postalCode), clean(country), clean(culture), clean(language),
        clean(registrationNumber),
        new PrimaryContact(clean(c.firstName()), clean(c.lastName()), clean(c.email()), clean(c.phone())));
  }

  /** The start variables of {@code customer-onboarding}: the start form's fields, stripped. */
  Map<String, Object> toVariables() {
    AccountInfo a = toAccountInfo();
    PrimaryContact c = a.primaryContact();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(COMPANY_NAME.name(), a.companyName());
    variables.put(DOMAIN_PREFIX.name(), a.domainPrefix());
    variables.put(ADDRESS_LINE1.name(), a.addressLine1());
    variables.put(ADDRESS_LINE2.name(), a.addressLine2());
    variables.put(CITY.name(), a.city());
    variables.put(STATE.name(), a.state());
    variables.put(POSTAL_CODE.name(), a.postalCode());
    variables.put(COUNTRY.name(), a.country());
    variables.put(CULTURE.name(), a.culture());
    variables.put(LANGUAGE.name(), a.language());
    variables.put(REGISTRATION_NUMBER.name(), a.registrationNumber());
    variables.put(CONTACT_FIRST_NAME.name(), c.firstName());
    variables.put(CONTACT_LAST_NAME.name(), c.lastName());
    variables.put(CONTACT_EMAIL.name(), c.email());
    variables.put(CONTACT_PHONE.name(), c.phone());
    return variables;
  }

  /** Stripped; blank is absent. */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    return stripped.isEmpty() ? null : stripped;
  }
}
