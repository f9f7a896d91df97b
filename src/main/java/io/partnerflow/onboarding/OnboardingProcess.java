package io.partnerflow.onboarding;

import static io.partnerflow.process.ProcessVariable.booleanVariable;
import static io.partnerflow.process.ProcessVariable.isoDateVariable;
import static io.partnerflow.process.ProcessVariable.jsonListVariable;
import static io.partnerflow.process.ProcessVariable.stringVariable;

import io.partnerflow.catalog.OrderLineInput;
import io.partnerflow.process.ProcessVariable;
import java.util.List;

/**
 * The contract of process {@code customer-onboarding}: its key, the ids code and tests refer to,
 * and every variable with its type. Forms use the same names (see forms/*.form).
 */
public final class OnboardingProcess {

  private OnboardingProcess() {}

  public static final String PROCESS_KEY = "customer-onboarding";

  /** Ids of the BPMN elements that code and tests touch. */
  public static final class Ids {
    private Ids() {}

    public static final String START = "StartEvent_OnboardingRequested";
    public static final String VALIDATE_ACCOUNT_INFO = "Task_ValidateAccountInfo";
    public static final String EDIT_ACCOUNT_INFO = "Task_EditAccountInfo";
    public static final String CONFIRM_CUSTOMER_AGREEMENT = "Task_ConfirmCustomerAgreement";
    public static final String CHECK_CONSENT = "Task_CheckConsent";
    public static final String RECORD_CANCELLATION = "Task_RecordCancellation";
    public static final String SELECT_RESELLER = "Task_SelectIndirectReseller";
    public static final String ASSIGN_RESELLER = "Task_AssignReseller";
    public static final String SELECT_SUBSCRIPTIONS = "Task_SelectSubscriptions";
    public static final String VALIDATE_ORDER = "Task_ValidateOrder";
    public static final String REVIEW = "Task_Review";
    public static final String CREATE_CUSTOMER = "Task_CreateCustomer";
    public static final String PROVISION_SUBSCRIPTIONS = "Task_ProvisionSubscriptions";
    public static final String SEND_WELCOME_EMAIL = "Task_SendWelcomeEmail";
    public static final String HAND_OVER_CREDENTIALS = "Task_HandOverAdminCredentials";

    public static final String BOUNDARY_ACCOUNT_INFO_INVALID = "BoundaryEvent_AccountInfoInvalid";
    public static final String BOUNDARY_DOMAIN_TAKEN = "BoundaryEvent_DomainTaken";
    public static final String BOUNDARY_DOMAIN_TAKEN_ON_SUBMIT = "BoundaryEvent_DomainTakenOnSubmit";
    public static final String BOUNDARY_CONSENT_MISSING = "BoundaryEvent_ConsentMissing";
    public static final String BOUNDARY_CANCELLATION_INVALID = "BoundaryEvent_CancellationInvalid";
    public static final String BOUNDARY_RESELLER_INVALID = "BoundaryEvent_ResellerInvalid";
    public static final String BOUNDARY_ORDER_INVALID = "BoundaryEvent_OrderInvalid";
    /** "Create customer record" found a rule broken since its task: back to the task that can fix it. */
    public static final String BOUNDARY_ACCOUNT_INFO_INVALID_ON_SUBMIT = "BoundaryEvent_AccountInfoInvalidOnSubmit";
    public static final String BOUNDARY_CUSTOMER_REJECTED_BY_PARTNER_CENTER = "BoundaryEvent_CustomerRejectedByPartnerCenter";
    public static final String BOUNDARY_AGREEMENT_REJECTED_BY_PARTNER_CENTER = "BoundaryEvent_AgreementRejectedByPartnerCenter";
    public static final String BOUNDARY_ORDER_REJECTED_BY_PARTNER_CENTER = "BoundaryEvent_OrderRejectedByPartnerCenter";
    public static final String BOUNDARY_CONSENT_INVALID_ON_SUBMIT = "BoundaryEvent_ConsentInvalidOnSubmit";
    public static final String BOUNDARY_RESELLER_INVALID_ON_SUBMIT = "BoundaryEvent_ResellerInvalidOnSubmit";
    public static final String BOUNDARY_ORDER_INVALID_ON_SUBMIT = "BoundaryEvent_OrderInvalidOnSubmit";

    public static final String GATEWAY_AGREEMENT_DECISION = "Gateway_AgreementDecision";
    public static final String GATEWAY_IS_INDIRECT_PROVIDER = "Gateway_IsIndirectProvider";
    public static final String GATEWAY_RESELLER_CHOSEN = "Gateway_ResellerChosen";
    public static final String GATEWAY_REVIEW_DECISION = "Gateway_ReviewDecision";
    public static final String GATEWAY_RETURN_TO_REVIEW = "Gateway_ReturnToReview";

    public static final String FLOW_DIRECT = "Flow_Direct";
    public static final String FLOW_INDIRECT = "Flow_Indirect";
    public static final String FLOW_BACK_TO_REVIEW = "Flow_BackToReview";
    public static final String FLOW_ACCOUNT_INFO_INVALID_ON_SUBMIT = "Flow_AccountInfoInvalidOnSubmit";
    public static final String FLOW_CONSENT_INVALID_ON_SUBMIT = "Flow_ConsentInvalidOnSubmit";
    public static final String FLOW_RESELLER_INVALID_ON_SUBMIT = "Flow_ResellerInvalidOnSubmit";
    public static final String FLOW_ORDER_INVALID_ON_SUBMIT = "Flow_OrderInvalidOnSubmit";

    public static final String END_CUSTOMER_ONBOARDED = "EndEvent_CustomerOnboarded";
    public static final String END_EXISTING_CUSTOMER = "EndEvent_ExistingCustomer";
    public static final String END_RELATIONSHIP_REQUESTED = "EndEvent_RelationshipRequested";
    public static final String REQUEST_RELATIONSHIP = "Task_RequestRelationship";
    public static final String GATEWAY_EXISTING_RELATIONSHIP = "Gateway_ExistingRelationship";
    public static final String END_ONBOARDING_CANCELLED = "EndEvent_OnboardingCancelled";
    public static final String NOTE_ALREADY_OUR_CUSTOMER = "Task_NoteAlreadyOurCustomer";
    public static final String NOTE_INVITATION_SENT = "Task_NoteInvitationSent";
    public static final String GATEWAY_TELL_ALREADY_OURS = "Gateway_TellAlreadyOurs";
    public static final String GATEWAY_TELL_INVITATION_SENT = "Gateway_TellInvitationSent";
  }

  /** Ids of the Camunda Forms of this process: the writers named in the variable contract below. */
  public static final class Forms {
    private Forms() {}

    public static final String ACCOUNT_INFO = "form-account-info";
    public static final String EDIT_ACCOUNT_INFO = "form-edit-account-info";
    public static final String CONFIRM_CUSTOMER_AGREEMENT = "form-confirm-customer-agreement";
    public static final String SELECT_INDIRECT_RESELLER = "form-select-indirect-reseller";
    public static final String SELECT_SUBSCRIPTIONS = "form-select-subscriptions";
    public static final String REVIEW = "form-review";
    public static final String ADMIN_CREDENTIALS = "form-admin-credentials";
    public static final String EXISTING_CUSTOMER = "form-existing-customer";
  }

  /** BPMN error codes thrown by the delegates. */
  public static final class Errors {
    private Errors() {}

    public static final String ACCOUNT_INFO_INVALID = "AccountInfoInvalid";
    public static final String DOMAIN_TAKEN = "DomainTaken";
    public static final String CONSENT_MISSING = "ConsentMissing";
    public static final String CANCELLATION_INVALID = "CancellationInvalid";
    public static final String RESELLER_INVALID = "ResellerInvalid";
    public static final String ORDER_INVALID = "OrderInvalid";
  }

  /** Values of the decision variables, as the forms submit them. */
  public static final class Decisions {
    private Decisions() {}

    public static final String AGREEMENT_CONFIRM = "confirm";
    public static final String AGREEMENT_CANCEL = "cancel";
    public static final String REVIEW_SUBMIT = "submit";
    public static final String REVIEW_UPDATE_ACCOUNT = "updateAccount";
    public static final String REVIEW_UPDATE_SUBSCRIPTIONS = "updateSubscriptions";
  }

  // Account info (start form, "Edit account info")
  public static final ProcessVariable<String> COMPANY_NAME = stringVariable("companyName").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> DOMAIN_PREFIX = stringVariable("domainPrefix").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> ADDRESS_LINE1 = stringVariable("addressLine1").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> ADDRESS_LINE2 = stringVariable("addressLine2").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> CITY = stringVariable("city").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> STATE = stringVariable("state").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> POSTAL_CODE = stringVariable("postalCode").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> COUNTRY = stringVariable("country").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> CULTURE = stringVariable("culture").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> LANGUAGE = stringVariable("language").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> REGISTRATION_NUMBER = stringVariable("registrationNumber").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> CONTACT_FIRST_NAME = stringVariable("contactFirstName").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> CONTACT_LAST_NAME = stringVariable("contactLastName").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> CONTACT_EMAIL = stringVariable("contactEmail").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  public static final ProcessVariable<String> CONTACT_PHONE = stringVariable("contactPhone").writtenBy(Forms.ACCOUNT_INFO, Forms.EDIT_ACCOUNT_INFO);
  /** Markdown list of the broken rules, shown by "Edit account info"; empty when there are none. */
  public static final ProcessVariable<String> ACCOUNT_INFO_ERRORS = stringVariable("accountInfoErrors");
  /** Customer id that already holds the requested domain (end event "Existing customer"). */
  public static final ProcessVariable<String> EXISTING_CUSTOMER_ID = stringVariable("existingCustomerId");
  /** That customer's relationship with us (RESELLER or NONE): decides between "already ours" and an invitation. */
  public static final ProcessVariable<String> EXISTING_RELATIONSHIP = stringVariable("existingRelationship");
  /** That customer's company name, shown to the operator who started the onboarding. */
  public static final ProcessVariable<String> EXISTING_COMPANY_NAME = stringVariable("existingCompanyName");
  /** The invitation-to-connect started for an existing customer. */
  public static final ProcessVariable<String> INVITATION_PROCESS_INSTANCE_ID = stringVariable("invitationProcessInstanceId");

  // Customer agreement ("Confirm customer agreement")
  public static final ProcessVariable<Boolean> AGREEMENT_ACCEPTED = booleanVariable("agreementAccepted").writtenBy(Forms.CONFIRM_CUSTOMER_AGREEMENT);
  /** ISO date yyyy-MM-dd, as the form's date picker submits it. */
  public static final ProcessVariable<String> AGREEMENT_DATE_ACCEPTED = isoDateVariable("agreementDateAccepted").writtenBy(Forms.CONFIRM_CUSTOMER_AGREEMENT);
  public static final ProcessVariable<String> SIGNER_FIRST_NAME = stringVariable("signerFirstName").writtenBy(Forms.CONFIRM_CUSTOMER_AGREEMENT);
  public static final ProcessVariable<String> SIGNER_LAST_NAME = stringVariable("signerLastName").writtenBy(Forms.CONFIRM_CUSTOMER_AGREEMENT);
  public static final ProcessVariable<String> SIGNER_EMAIL = stringVariable("signerEmail").writtenBy(Forms.CONFIRM_CUSTOMER_AGREEMENT);
  public static final ProcessVariable<String> SIGNER_PHONE = stringVariable("signerPhone").writtenBy(Forms.CONFIRM_CUSTOMER_AGREEMENT);
  /** {@link Decisions#AGREEMENT_CONFIRM} or {@link Decisions#AGREEMENT_CANCEL}. */
  public static final ProcessVariable<String> AGREEMENT_DECISION = stringVariable("agreementDecision").writtenBy(Forms.CONFIRM_CUSTOMER_AGREEMENT)
      .oneOf(Decisions.AGREEMENT_CONFIRM, Decisions.AGREEMENT_CANCEL);
  public static final ProcessVariable<String> CANCELLATION_REASON = stringVariable("cancellationReason").writtenBy(Forms.CONFIRM_CUSTOMER_AGREEMENT);
  public static final ProcessVariable<String> AGREEMENT_ERRORS = stringVariable("agreementErrors");
  /**
   * Who confirmed the agreement and when (ISO instant, UTC): a copy for forms, set by the steps from
   * the engine's history (the user who completed "Confirm customer agreement"), never by a form.
   */
  public static final ProcessVariable<String> ATTESTED_BY = stringVariable("attestedBy");
  public static final ProcessVariable<String> ATTESTED_AT = stringVariable("attestedAt");
  /**
   * True when the integration API started the onboarding: its client learns an existing-customer
   * outcome from the API's status, so no note waits in Tasklist (false for everything else).
   */
  public static final ProcessVariable<Boolean> STARTED_BY_API = booleanVariable("startedByApi");
  /** The user who started the onboarding ({@code camunda:initiator}). */
  public static final ProcessVariable<String> INITIATOR = stringVariable("initiator");

  // Indirect reseller ("Select indirect reseller")
  public static final ProcessVariable<Boolean> INDIRECT_PROVIDER = booleanVariable("indirectProvider");
  public static final ProcessVariable<List<SelectOption>> RESELLER_OPTIONS =
      jsonListVariable("resellerOptions", SelectOption.class);
  public static final ProcessVariable<String> RESELLER_ID = stringVariable("resellerId").writtenBy(Forms.SELECT_INDIRECT_RESELLER);
  public static final ProcessVariable<String> RESELLER_NAME = stringVariable("resellerName");
  public static final ProcessVariable<String> RESELLER_PARTNER_ID = stringVariable("resellerPartnerId");
  public static final ProcessVariable<String> RESELLER_ERRORS = stringVariable("resellerErrors");

  // Subscriptions ("Select subscriptions")
  public static final ProcessVariable<List<SelectOption>> OFFER_OPTIONS =
      jsonListVariable("offerOptions", SelectOption.class);
  public static final ProcessVariable<List<OrderLineInput>> ORDER_LINES =
      jsonListVariable("orderLines", OrderLineInput.class).writtenBy(Forms.SELECT_SUBSCRIPTIONS);
  /** The validated order with offer names, for the review form's table. */
  public static final ProcessVariable<List<OrderSummaryLine>> ORDER_SUMMARY =
      jsonListVariable("orderSummary", OrderSummaryLine.class);
  public static final ProcessVariable<String> ORDER_ERRORS = stringVariable("orderErrors");

  // Review
  /** {@link Decisions#REVIEW_SUBMIT}, {@link Decisions#REVIEW_UPDATE_ACCOUNT} or {@link Decisions#REVIEW_UPDATE_SUBSCRIPTIONS}. */
  public static final ProcessVariable<String> REVIEW_DECISION = stringVariable("reviewDecision").writtenBy(Forms.REVIEW)
      .oneOf(Decisions.REVIEW_SUBMIT, Decisions.REVIEW_UPDATE_ACCOUNT, Decisions.REVIEW_UPDATE_SUBSCRIPTIONS);
  /** True once the review was reached: account edits then return to the review. */
  public static final ProcessVariable<Boolean> REVIEW_REACHED = booleanVariable("reviewReached");

  // Result
  public static final ProcessVariable<String> CUSTOMER_ID = stringVariable("customerId");
  public static final ProcessVariable<String> ADMIN_USER_NAME = stringVariable("adminUserName");
  /** The customer's tenant in Partner Center (the ledger's: our customer id), once provisioning created it. */
  public static final ProcessVariable<String> MICROSOFT_TENANT_ID = stringVariable("microsoftTenantId");
  /**
   * Never stored in the engine: the hand-over form's variables carry it for the task's assignee only
   * ({@link AdminPasswordHandOver}, {@code trust.HandOverPasswordFilter}); no form writes it.
   */
  public static final ProcessVariable<String> TEMPORARY_ADMIN_PASSWORD = stringVariable("temporaryAdminPassword");
  /** The operator's confirmation in "Hand over admin credentials". */
  public static final ProcessVariable<Boolean> CREDENTIALS_HANDED_OVER = booleanVariable("credentialsHandedOver").writtenBy(Forms.ADMIN_CREDENTIALS).oneOf(true);
}
