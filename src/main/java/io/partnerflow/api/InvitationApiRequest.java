package io.partnerflow.api;

import static io.partnerflow.api.OnboardingRequest.clean;
import static io.partnerflow.invitation.InvitationProcess.*;

import io.partnerflow.invitation.InvitationRequest;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.LinkedHashMap;
import java.util.Map;

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

  /** The start variables of {@code invitation-to-connect}. */
  Map<String, Object> toVariables() {
    InvitationRequest r = toInvitationRequest();
    Map<String, Object> variables = new LinkedHashMap<>();
    variables.put(COMPANY_NAME.name(), r.companyName());
    variables.put(DOMAIN_PREFIX.name(), r.domainPrefix());
    variables.put(ADMIN_EMAIL.name(), r.adminEmail());
    variables.put(ADMIN_FIRST_NAME.name(), r.adminFirstName());
    variables.put(ADMIN_LAST_NAME.name(), r.adminLastName());
    variables.put(CULTURE.name(), r.culture());
    variables.put(LANGUAGE.name(), r.language());
    variables.put(INCLUDE_DELEGATED_ADMIN.name(), Boolean.TRUE.equals(includeDelegatedAdmin));
    variables.put(PERSONAL_MESSAGE.name(), r.personalMessage());
    return variables;
  }
}
