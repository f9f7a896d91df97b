package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralProcess.*;

import io.partnerflow.process.BusinessKeys;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The one place a referral ({@value ReferralProcess#PROCESS_KEY}) starts: from a stored referral
 * (the API and the referrals mailbox both go through {@link ReferralIntake}), keyed by the company.
 */
@Component
public class ReferralStarter {

  private final RuntimeService runtimeService;

  public ReferralStarter(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /** The company, else the prospect's address, else the referral's id. */
  public static String businessKey(Referral referral) {
    return BusinessKeys.of(referral.companyName(), referral.contactEmail(), referral.id());
  }

  public static VariableMap variables(Referral referral) {
    VariableMap v = Variables.createVariables();
    REFERRAL_ID.putIn(v, referral.id());
    COMPANY_NAME.putIn(v, referral.companyName());
    CONTACT_FIRST_NAME.putIn(v, referral.contactFirstName());
    CONTACT_LAST_NAME.putIn(v, referral.contactLastName());
    CONTACT_EMAIL.putIn(v, referral.contactEmail());
    CONTACT_PHONE.putIn(v, referral.contactPhone());
    COUNTRY.putIn(v, referral.country());
    LANGUAGE.putIn(v, referral.language());
    NEED.putIn(v, referral.need());
    // Due 14 days after receipt, however often the decision task is entered again
    DECISION_DUE_AT.putIn(v, referral.receivedAt().plus(DECISION_PERIOD).toString());
    return v;
  }

  /** Starts the process for a stored referral, in the caller's transaction. */
  public ProcessInstance start(Referral referral) {
    return runtimeService.startProcessInstanceByKey(PROCESS_KEY, businessKey(referral), variables(referral));
  }
}
