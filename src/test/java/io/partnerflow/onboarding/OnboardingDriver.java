package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.*;
import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.catalog.OrderLineInput;
import io.partnerflow.onboarding.OnboardingProcess.Decisions;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import io.partnerflow.testsupport.ProcessTestSupport;
import java.time.LocalDate;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * Drives an onboarding the way Tasklist does: starts it with the account-info form's variables and
 * completes each task, as the operator, with the variables its form submits (see forms/*.form).
 * Tasks, jobs, mails and the engine clock: {@link ProcessTestSupport}.
 */
public final class OnboardingDriver extends ProcessTestSupport {

  /** Demo data (db/demo/V1_1__demo_directory_and_catalog.sql). */
  public static final String RESELLER_ADATUM = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f01";
  public static final String RESELLER_ADATUM_PARTNER_ID = "5100231";
  public static final String RESELLER_TAILSPIN = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f02";
  public static final String RESELLER_LITWARE = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f03";
  public static final String RESELLER_PROSEWARE_INACTIVE = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f04";
  public static final String RESELLER_WINGTIP_NO_AGREEMENT = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f05";
  public static final String RESELLER_WOODGROVE_AMERICAS = "c7d1f6a2-1b7e-4d6b-9a40-0b3c1e5a7f06";
  /** Demo data (db/demo/V1_2__demo_existing_customer.sql). */
  public static final String FABRIKAM_CUSTOMER_ID = "0b1c4e9a-5a52-4b8f-8a43-6d2f1e7c9a10";

  public static final List<OrderLineInput> E3_WITH_TEAMS_PHONE =
      List.of(new OrderLineInput("O365-E3", 25), new OrderLineInput("TEAMS-PHONE-STANDARD", 10));

  public OnboardingDriver(ProcessEngine engine) {
    super(engine);
  }

  /** A valid account-info form for a Spanish customer in Madrid. */
  public static VariableMap spanishAccountInfo(String domainPrefix) {
    VariableMap v = Variables.createVariables();
    COMPANY_NAME.putIn(v, "Contoso Ibérica " + domainPrefix);
    DOMAIN_PREFIX.putIn(v, domainPrefix);
    ADDRESS_LINE1.putIn(v, "Calle de Alcalá 21");
    ADDRESS_LINE2.putIn(v, "");
    CITY.putIn(v, "Madrid");
    STATE.putIn(v, "");
    POSTAL_CODE.putIn(v, "28013");
    COUNTRY.putIn(v, "ES");
    CULTURE.putIn(v, "es-ES");
    LANGUAGE.putIn(v, "es");
    REGISTRATION_NUMBER.putIn(v, "");
    CONTACT_FIRST_NAME.putIn(v, "Lucía");
    CONTACT_LAST_NAME.putIn(v, "García");
    CONTACT_EMAIL.putIn(v, "lucia.garcia@" + domainPrefix + ".example");
    CONTACT_PHONE.putIn(v, "+34 915 123 456");
    return v;
  }

  /**
   * Starts an onboarding as the operator, as the start form in Tasklist does (the engine runs the
   * first steps synchronously); the operator becomes the initiator.
   */
  public ProcessInstance start(VariableMap accountInfo) {
    return startAsOperator(PROCESS_KEY, accountInfo);
  }

  // --- the forms ------------------------------------------------------------------------------

  /** "Confirm customer agreement": accepted on the given date; signer fields as prefilled. */
  public void confirmAgreement(ProcessInstance pi, LocalDate dateAccepted) {
    VariableMap v = Variables.createVariables();
    AGREEMENT_DECISION.putIn(v, Decisions.AGREEMENT_CONFIRM);
    AGREEMENT_ACCEPTED.putIn(v, true);
    AGREEMENT_DATE_ACCEPTED.putIn(v, dateAccepted.toString());
    complete(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT, v);
  }

  public void confirmAgreement(ProcessInstance pi, VariableMap submitted) {
    complete(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT, submitted);
  }

  /** "Confirm customer agreement": cancel this onboarding for the given reason. */
  public void cancelAgreement(ProcessInstance pi, String reason) {
    VariableMap v = Variables.createVariables();
    AGREEMENT_DECISION.putIn(v, Decisions.AGREEMENT_CANCEL);
    CANCELLATION_REASON.putIn(v, reason);
    complete(pi, Ids.CONFIRM_CUSTOMER_AGREEMENT, v);
  }

  public void selectReseller(ProcessInstance pi, String resellerId) {
    complete(pi, Ids.SELECT_RESELLER, RESELLER_ID.putIn(Variables.createVariables(), resellerId));
  }

  /** "Select subscriptions": the dynamic list arrives as JSON, as Tasklist submits it. */
  public void selectSubscriptions(ProcessInstance pi, List<OrderLineInput> lines) {
    complete(pi, Ids.SELECT_SUBSCRIPTIONS, ORDER_LINES.putIn(Variables.createVariables(), lines));
  }

  public void review(ProcessInstance pi, String decision) {
    complete(pi, Ids.REVIEW, REVIEW_DECISION.putIn(Variables.createVariables(), decision));
  }

  public void editAccountInfo(ProcessInstance pi, VariableMap accountInfo) {
    complete(pi, Ids.EDIT_ACCOUNT_INFO, accountInfo);
  }

  /** "Existing customer: …": the operator has read the note (the form has no fields). */
  public void noteExistingCustomer(ProcessInstance pi, String noteTaskId) {
    complete(pi, noteTaskId, Variables.createVariables());
  }

  public void handOverCredentials(ProcessInstance pi) {
    complete(pi, Ids.HAND_OVER_CREDENTIALS, CREDENTIALS_HANDED_OVER.putIn(Variables.createVariables(), true));
  }

  /** From a valid start to the review: agreement today, reseller Adatum (if indirect), the given lines. */
  public void advanceToReview(ProcessInstance pi, List<OrderLineInput> lines) {
    confirmAgreement(pi, TODAY);
    if (Boolean.TRUE.equals(INDIRECT_PROVIDER.from(runtimeService.getVariables(pi.getId())))) {
      selectReseller(pi, RESELLER_ADATUM);
    }
    selectSubscriptions(pi, lines);
  }

  /** A new Spanish customer with E3 and Teams Phone, submitted at Review: waiting at *Provision subscriptions*. */
  public ProcessInstance submittedAtProvisioning() {
    ProcessInstance pi = start(spanishAccountInfo(uniqueDomainPrefix("contoso")));
    advanceToReview(pi, E3_WITH_TEAMS_PHONE);
    review(pi, Decisions.REVIEW_SUBMIT);
    assertThat(runtimeService.getActiveActivityIds(pi.getId())).containsExactly(Ids.PROVISION_SUBSCRIPTIONS);
    return pi;
  }

  /** The customer an onboarding created. */
  public String customerId(ProcessInstance pi) {
    return CUSTOMER_ID.from(runtimeService.getVariables(pi.getId()));
  }
}
