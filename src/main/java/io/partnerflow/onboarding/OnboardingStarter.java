package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;

import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.PrimaryContact;
import io.partnerflow.partner.PartnerProfile;
import io.partnerflow.process.BusinessKeys;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The one place an onboarding ({@value OnboardingProcess#PROCESS_KEY}) starts: its business key,
 * its typed start variables and the defaults every start gets. The integration API and a won
 * referral start it here; Tasklist's start form starts it in the engine, and the process's start
 * listener ({@link InitializeOnboardingListener}) applies {@link #applyDefaults} to both.
 */
@Component
public class OnboardingStarter {

  /**
   * Set while the API's start runs. A start variable "startedByApi" could be submitted by anyone who
   * may start the process (Tasklist, engine REST); only this factory's caller is the API.
   */
  private static final ThreadLocal<Boolean> API_START = new ThreadLocal<>();

  private final RuntimeService runtimeService;
  private final PartnerProfile partner;

  public OnboardingStarter(RuntimeService runtimeService, PartnerProfile partner) {
    this.runtimeService = runtimeService;
    this.partner = partner;
  }

  /** The account info as start variables (the names the start form submits). */
  public static VariableMap variables(AccountInfo info) {
    PrimaryContact contact = info.primaryContact() == null
        ? new PrimaryContact(null, null, null, null) : info.primaryContact();
    VariableMap v = Variables.createVariables();
    COMPANY_NAME.putIn(v, info.companyName());
    DOMAIN_PREFIX.putIn(v, info.domainPrefix());
    ADDRESS_LINE1.putIn(v, info.addressLine1());
    ADDRESS_LINE2.putIn(v, info.addressLine2());
    CITY.putIn(v, info.city());
    STATE.putIn(v, info.state());
    POSTAL_CODE.putIn(v, info.postalCode());
    COUNTRY.putIn(v, info.country());
    CULTURE.putIn(v, info.culture());
    LANGUAGE.putIn(v, info.language());
    REGISTRATION_NUMBER.putIn(v, info.registrationNumber());
    CONTACT_FIRST_NAME.putIn(v, contact.firstName());
    CONTACT_LAST_NAME.putIn(v, contact.lastName());
    CONTACT_EMAIL.putIn(v, contact.email());
    CONTACT_PHONE.putIn(v, contact.phone());
    return v;
  }

  /** The domain prefix once known, the company until then (validation re-keys it as they change). */
  public static String businessKey(String domainPrefix, String companyName) {
    return BusinessKeys.of(BusinessKeys.ofDomainPrefix(domainPrefix), companyName);
  }

  /** Started by the integration API: an existing-customer outcome ends the instance (no note in Tasklist). */
  public ProcessInstance startForApi(AccountInfo info, String initiator) {
    VariableMap variables = variables(info);
    INITIATOR.putIn(variables, initiator);
    API_START.set(true);
    try {
      return start(info, variables);
    } finally {
      API_START.remove();
    }
  }

  /** Started by another process (a won referral) as its current user, who becomes the initiator. */
  public ProcessInstance start(AccountInfo info) {
    return start(info, variables(info));
  }

  private ProcessInstance start(AccountInfo info, VariableMap variables) {
    return runtimeService.startProcessInstanceByKey(PROCESS_KEY,
        businessKey(info.domainPrefix(), info.companyName()), variables);
  }

  /**
   * What every start gets, however it started: the gateways' flags before any form could set them.
   * Whether we are an indirect provider comes from configuration, never from a form, so nobody skips
   * the reseller step; "started by the API" only from {@link #startForApi}.
   */
  void applyDefaults(DelegateExecution execution) {
    INDIRECT_PROVIDER.set(execution, partner.indirectProvider());
    REVIEW_REACHED.set(execution, false);
    STARTED_BY_API.set(execution, Boolean.TRUE.equals(API_START.get()));
    // Consumed by this start only: an instance it starts in turn is not the API's
    API_START.remove();
    if (execution.getProcessBusinessKey() == null) {
      BusinessKeys.assign(execution, businessKey(DOMAIN_PREFIX.from(execution), COMPANY_NAME.from(execution)));
    }
  }
}
