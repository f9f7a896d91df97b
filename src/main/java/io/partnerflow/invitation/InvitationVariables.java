package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads the request variables of an invitation process. */
final class InvitationVariables {

  private InvitationVariables() {}

  static InvitationRequest request(VariableScope scope) {
    return new InvitationRequest(COMPANY_NAME.from(scope), DOMAIN_PREFIX.from(scope), ADMIN_EMAIL.from(scope),
        ADMIN_FIRST_NAME.from(scope), ADMIN_LAST_NAME.from(scope), CULTURE.from(scope), LANGUAGE.from(scope),
        PERSONAL_MESSAGE.from(scope));
  }
}
