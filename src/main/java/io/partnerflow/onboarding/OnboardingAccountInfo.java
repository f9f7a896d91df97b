package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.PrimaryContact;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Reads the account-info variables of an onboarding into the domain's {@link AccountInfo}. */
public final class OnboardingAccountInfo {

  private OnboardingAccountInfo() {}

  public static AccountInfo from(VariableScope scope) {
    return new AccountInfo(
        COMPANY_NAME.from(scope), DOMAIN_PREFIX.from(scope), ADDRESS_LINE1.from(scope), ADDRESS_LINE2.from(scope),
        CITY.from(scope), STATE.from(scope), POSTAL_CODE.from(scope), COUNTRY.from(scope), CULTURE.from(scope),
        LANGUAGE.from(scope), REGISTRATION_NUMBER.from(scope),
        new PrimaryContact(CONTACT_FIRST_NAME.from(scope), CONTACT_LAST_NAME.from(scope), CONTACT_EMAIL.from(scope),
            CONTACT_PHONE.from(scope)));
  }
}
