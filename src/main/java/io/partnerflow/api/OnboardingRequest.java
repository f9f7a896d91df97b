package io.partnerflow.api;


import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.PrimaryContact;
import io.swagger.v3.oas.annotations.media.Schema;

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

  /** Stripped; blank is absent. */
  static String clean(String value) {
    if (value == null) {
      return null;
    }
    String stripped = value.strip();
    return stripped.isEmpty() ? null : stripped;
  }
}
