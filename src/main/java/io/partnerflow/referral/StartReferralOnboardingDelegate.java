package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralProcess.ONBOARDING_PROCESS_INSTANCE_ID;
import static io.partnerflow.referral.ReferralProcess.REFERRAL_ID;

import io.partnerflow.customer.CountryRules;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.process.BusinessKeys;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * "Start onboarding": the referral was won, so "Add a new customer" starts with what the prospect
 * told us (company, contact, country, language and, where the country supports it, the matching
 * culture). The address and domain are still missing, so the onboarding waits at "Edit account
 * info" for the operator; the referral becomes WON and names that onboarding.
 */
@Component
public class StartReferralOnboardingDelegate implements JavaDelegate {

  private static final Logger log = LoggerFactory.getLogger(StartReferralOnboardingDelegate.class);

  private final ReferralRegistry registry;
  private final CountryRules countryRules;

  public StartReferralOnboardingDelegate(ReferralRegistry registry, CountryRules countryRules) {
    this.registry = registry;
    this.countryRules = countryRules;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String referralId = REFERRAL_ID.from(execution);
    Referral referral = registry.find(referralId)
        .orElseThrow(() -> new IllegalStateException("Referral " + referralId + " does not exist"));
    // Started as the operator who recorded the outcome: they become the onboarding's initiator
    ProcessInstance onboarding = execution.getProcessEngineServices().getRuntimeService()
        .startProcessInstanceByKey(OnboardingProcess.PROCESS_KEY, BusinessKeys.of(referral.companyName()),
            onboardingVariables(referral));
    if (!registry.won(referralId, onboarding.getId())) {
      throw new IllegalStateException("Referral " + referralId + " is not ACTIVE; it cannot be won");
    }
    ONBOARDING_PROCESS_INSTANCE_ID.set(execution, onboarding.getId());
    log.info("Referral {} won: onboarding {} started for {}", referralId, onboarding.getId(),
        referral.companyName());
  }

  VariableMap onboardingVariables(Referral referral) {
    VariableMap v = Variables.createVariables();
    OnboardingProcess.COMPANY_NAME.putIn(v, referral.companyName());
    OnboardingProcess.CONTACT_FIRST_NAME.putIn(v, referral.contactFirstName());
    OnboardingProcess.CONTACT_LAST_NAME.putIn(v, referral.contactLastName());
    OnboardingProcess.CONTACT_EMAIL.putIn(v, referral.contactEmail());
    OnboardingProcess.CONTACT_PHONE.putIn(v, referral.contactPhone());
    OnboardingProcess.COUNTRY.putIn(v, referral.country());
    OnboardingProcess.LANGUAGE.putIn(v, referral.language());
    OnboardingProcess.CULTURE.putIn(v, culture(referral.country(), referral.language()));
    return v;
  }

  /** e.g. es + ES → es-ES, pt + BR → pt-BR; null when the country has no such culture (the operator picks). */
  String culture(String country, String language) {
    if (country == null || language == null) {
      return null;
    }
    String candidate = language + "-" + country;
    return countryRules.isSupportedCulture(country, candidate)
        ? CountryRules.canonicalCulture(candidate).orElse(null) : null;
  }
}
