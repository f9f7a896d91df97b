package io.partnerflow.referral;

import static io.partnerflow.process.ProcessVariable.doubleVariable;
import static io.partnerflow.process.ProcessVariable.isoDateVariable;
import static io.partnerflow.process.ProcessVariable.stringVariable;

import io.partnerflow.process.ProcessVariable;

/** The contract of process {@code referral}. */
public final class ReferralProcess {

  private ReferralProcess() {}

  public static final String PROCESS_KEY = "referral";

  public static final class Ids {
    private Ids() {}

    public static final String START = "StartEvent_ReferralReceived";
    public static final String DECIDE = "Task_DecideReferral";
    public static final String TIMER_DECISION_DUE = "BoundaryEvent_DecisionOverdue";
    public static final String EXPIRE = "Task_ExpireReferral";
    public static final String ACTIVATE = "Task_ActivateReferral";
    public static final String DECLINE = "Task_DeclineReferral";
    public static final String SEND_DECLINE_NOTICE = "Task_SendDeclineNotice";
    public static final String RECORD_OUTCOME = "Task_RecordReferralOutcome";
    public static final String START_ONBOARDING = "Task_StartOnboarding";
    public static final String MARK_LOST = "Task_MarkReferralLost";
    public static final String GATEWAY_DECISION = "Gateway_ReferralDecision";
    public static final String GATEWAY_OUTCOME = "Gateway_ReferralOutcome";
    public static final String BOUNDARY_ACCEPTANCE_INVALID = "BoundaryEvent_AcceptanceInvalid";
    public static final String END_WON = "EndEvent_ReferralWon";
    public static final String END_LOST = "EndEvent_ReferralLost";
    public static final String END_DECLINED = "EndEvent_ReferralDeclined";
    public static final String END_EXPIRED = "EndEvent_ReferralExpired";
  }

  public static final class Errors {
    private Errors() {}

    public static final String ACCEPTANCE_INVALID = "ReferralAcceptanceInvalid";
  }

  /** Ids of the Camunda Forms of this process: the writers named in the variable contract below. */
  public static final class Forms {
    private Forms() {}

    public static final String DECIDE_REFERRAL = "form-decide-referral";
    public static final String REFERRAL_OUTCOME = "form-referral-outcome";
  }

  public static final class Decisions {
    private Decisions() {}

    public static final String ACCEPT = "accept";
    public static final String DECLINE = "decline";
    public static final String WON = "won";
    public static final String LOST = "lost";
  }

  /** A referral not decided on within this period after receipt expires. */
  public static final java.time.Duration DECISION_PERIOD = java.time.Duration.ofDays(14);

  public static final ProcessVariable<String> REFERRAL_ID = stringVariable("referralId");
  /** When the decision is due (ISO instant, receipt + {@link #DECISION_PERIOD}): the expiry timer's date. */
  public static final ProcessVariable<String> DECISION_DUE_AT = stringVariable("decisionDueAt");
  public static final ProcessVariable<String> COMPANY_NAME = stringVariable("companyName");
  public static final ProcessVariable<String> CONTACT_FIRST_NAME = stringVariable("contactFirstName");
  public static final ProcessVariable<String> CONTACT_LAST_NAME = stringVariable("contactLastName");
  public static final ProcessVariable<String> CONTACT_EMAIL = stringVariable("contactEmail");
  public static final ProcessVariable<String> CONTACT_PHONE = stringVariable("contactPhone");
  public static final ProcessVariable<String> COUNTRY = stringVariable("country");
  public static final ProcessVariable<String> LANGUAGE = stringVariable("language");
  public static final ProcessVariable<String> NEED = stringVariable("need");
  /** {@link Decisions#ACCEPT} or {@link Decisions#DECLINE}. */
  public static final ProcessVariable<String> DECISION = stringVariable("referralDecision").writtenBy(Forms.DECIDE_REFERRAL).oneOf(Decisions.ACCEPT, Decisions.DECLINE);
  /** Estimated deal value (the form's number field) and closing date (yyyy-MM-dd). */
  public static final ProcessVariable<Double> ESTIMATED_DEAL_VALUE = doubleVariable("estimatedDealValue").writtenBy(Forms.DECIDE_REFERRAL);
  public static final ProcessVariable<String> ESTIMATED_CLOSE_DATE = isoDateVariable("estimatedCloseDate")
      .writtenBy(Forms.DECIDE_REFERRAL);
  public static final ProcessVariable<String> DECLINE_REASON = stringVariable("declineReason").writtenBy(Forms.DECIDE_REFERRAL);
  public static final ProcessVariable<String> REFERRAL_ERRORS = stringVariable("referralErrors");
  /** {@link Decisions#WON} or {@link Decisions#LOST}. */
  public static final ProcessVariable<String> OUTCOME = stringVariable("referralOutcome").writtenBy(Forms.REFERRAL_OUTCOME).oneOf(Decisions.WON, Decisions.LOST);
  public static final ProcessVariable<String> ONBOARDING_PROCESS_INSTANCE_ID = stringVariable("onboardingProcessInstanceId");
}
