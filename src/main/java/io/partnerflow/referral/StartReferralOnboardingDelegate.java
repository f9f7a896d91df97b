package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralProcess.ONBOARDING_PROCESS_INSTANCE_ID;
import static io.partnerflow.referral.ReferralProcess.REFERRAL_ID;

import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.CountryRules;
import io.partnerflow.customer.PrimaryContact;
import io.partnerflow.onboarding.OnboardingStarter;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.runtime.ProcessInstance;
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
  private final OnboardingStarter onboardings;

  public StartReferralOnboardingDelegate(ReferralRegistry registry, CountryRules countryRules,
      OnboardingStarter onboardings) {
    this.registry = registry;
    this.countryRules = countryRules;
    this.onboardings = onboardings;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String referralId = REFERRAL_ID.from(execution);
    Referral referral = registry.find(referralId)
        .orElseThrow(() -> new IllegalStateException("Referral " + referralId + " does not exist"));
    // Started as the operator who recorded the outcome: they become the onboarding's initiator
    ProcessInstance onboarding = onboardings.start(accountInfo(referral));
    if (!registry.won(referralId, onboarding.getId())) {
      throw new IllegalStateException("Referral " + referralId + " is not ACTIVE; it cannot be won");
    }
    ONBOARDING_PROCESS_INSTANCE_ID.set(execution, onboarding.getId());
    log.info("Referral {} won: onboarding {} started for {}", referralId, onboarding.getId(),
        referral.companyName());
  }

  /** What the prospect told us; address and domain stay empty for the operator. */
  AccountInfo accountInfo(Referral referral) {
    return new AccountInfo(referral.companyName(), null, null, null, null, null, null, referral.country(),
        culture(referral.country(), referral.language()), referral.language(), null,
        new PrimaryContact(referral.contactFirstName(), referral.contactLastName(), referral.contactEmail(),
            referral.contactPhone()));
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
