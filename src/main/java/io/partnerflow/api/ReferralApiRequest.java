package io.partnerflow.api;

import io.partnerflow.referral.NewReferral;
import io.swagger.v3.oas.annotations.media.Schema;

/** A prospective customer's request, as the partner portal hands it in. */
@Schema(description = "A referral: a prospective customer's request")
public record ReferralApiRequest(
    @Schema(example = "Adatum Iberia S.A.", requiredMode = Schema.RequiredMode.REQUIRED) String companyName,
    @Schema(example = "Marta") String contactFirstName,
    @Schema(example = "Ruiz") String contactLastName,
    @Schema(example = "marta.ruiz@adatum.example", requiredMode = Schema.RequiredMode.REQUIRED) String contactEmail,
    @Schema(example = "+34 600 000 000") String contactPhone,
    @Schema(description = "ISO 3166 alpha-2", example = "ES") String country,
    @Schema(description = "en, es, pt, ru or it", example = "es") String language,
    @Schema(description = "What the prospect asks for (at most 4000 characters)",
        example = "50 Microsoft 365 Business Premium licenses and a migration from Google Workspace") String need) {

  NewReferral toNewReferral(String externalReference) {
    return new NewReferral(companyName, contactFirstName, contactLastName, contactEmail, contactPhone, country,
        language, need, NewReferral.SOURCE_API, externalReference);
  }
}
