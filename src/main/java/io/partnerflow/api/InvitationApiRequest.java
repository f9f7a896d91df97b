package io.partnerflow.api;

import static io.partnerflow.api.OnboardingRequest.clean;

import io.partnerflow.invitation.InvitationRequest;
import io.swagger.v3.oas.annotations.media.Schema;

/** An invitation to connect, as the partner portal asks for it (the fields of the start form). */
@Schema(description = "An invitation to connect: the customer's tenant and its global admin")
public record InvitationApiRequest(
    @Schema(example = "Fabrikam, Inc.", requiredMode = Schema.RequiredMode.REQUIRED) String companyName,
    @Schema(description = "The tenant's domain prefix (before .onmicrosoft.com)", example = "fabrikam",
        requiredMode = Schema.RequiredMode.REQUIRED) String domainPrefix,
    @Schema(example = "dana.birkby@fabrikam.example", requiredMode = Schema.RequiredMode.REQUIRED) String adminEmail,
    @Schema(example = "Dana", requiredMode = Schema.RequiredMode.REQUIRED) String adminFirstName,
    @Schema(example = "Birkby", requiredMode = Schema.RequiredMode.REQUIRED) String adminLastName,
    @Schema(example = "en-US") String culture,
    @Schema(description = "Language of the invitation: en, es, pt, ru or it", example = "en",
        requiredMode = Schema.RequiredMode.REQUIRED) String language,
    @Schema(description = "Also ask for delegated administration (default false)") Boolean includeDelegatedAdmin,
    @Schema(description = "The operator's words above the invitation (the link is always added); "
        + "at most 2000 characters")
    String personalMessage) {

  InvitationRequest toInvitationRequest() {
    return new InvitationRequest(clean(companyName), clean(domainPrefix), clean(adminEmail), clean(adminFirstName),
        clean(adminLastName), clean(culture), clean(language), personalMessage == null || personalMessage.isBlank()
            ? null : personalMessage.strip());
  }

}
