package io.partnerflow.invitation;

import static io.partnerflow.process.ProcessVariable.booleanVariable;
import static io.partnerflow.process.ProcessVariable.longVariable;
import static io.partnerflow.process.ProcessVariable.stringVariable;

import io.partnerflow.process.ProcessVariable;

/**
 * The contract of process {@code invitation-to-connect} (and its companion
 * {@code invitation-reply-triage}): keys, the ids code and tests refer to, and every variable.
 */
public final class InvitationProcess {

  private InvitationProcess() {}

  public static final String PROCESS_KEY = "invitation-to-connect";
  public static final String TRIAGE_PROCESS_KEY = "invitation-reply-triage";
  /** Correlated to the waiting invitation when the customer answers, by link or by reply. */
  public static final String MESSAGE_INVITATION_ANSWERED = "Message_InvitationAnswered";

  public static final class Ids {
    private Ids() {}

    public static final String START = "StartEvent_InvitationRequested";
    public static final String VALIDATE_INVITATION = "Task_ValidateInvitation";
    public static final String EDIT_INVITATION = "Task_EditInvitation";
    public static final String REGISTER_INVITATION = "Task_RegisterInvitation";
    public static final String SEND_INVITATION = "Task_SendInvitation";
    public static final String AWAIT_ANSWER = "Task_AwaitAnswer";
    public static final String SEND_FIRST_REMINDER = "Task_SendFirstReminder";
    public static final String SEND_SECOND_REMINDER = "Task_SendSecondReminder";
    public static final String EXPIRE_INVITATION = "Task_ExpireInvitation";
    public static final String FOLLOW_UP = "Task_FollowUpInvitation";
    public static final String CLOSE_INVITATION = "Task_CloseInvitation";
    public static final String RECORD_RELATIONSHIP = "Task_RecordRelationship";
    public static final String NOTIFY_OPERATIONS = "Task_NotifyOperations";

    public static final String BOUNDARY_INVITATION_INVALID = "BoundaryEvent_InvitationInvalid";
    public static final String TIMER_FIRST_REMINDER = "BoundaryEvent_FirstReminderDue";
    public static final String TIMER_SECOND_REMINDER = "BoundaryEvent_SecondReminderDue";
    public static final String TIMER_EXPIRY = "BoundaryEvent_InvitationExpired";

    public static final String GATEWAY_ANSWER = "Gateway_Answer";
    public static final String GATEWAY_FOLLOW_UP_DECISION = "Gateway_FollowUpDecision";
    public static final String GATEWAY_EDIT_DECISION = "Gateway_EditDecision";
    public static final String GATEWAY_REPLY_DECISION = "Gateway_ReplyDecision";

    public static final String END_RELATIONSHIP_ESTABLISHED = "EndEvent_RelationshipEstablished";
    public static final String END_INVITATION_CLOSED = "EndEvent_InvitationClosed";
    public static final String END_INVITATION_CANCELLED = "EndEvent_InvitationCancelled";
    public static final String END_FIRST_REMINDER_SENT = "EndEvent_FirstReminderSent";
    public static final String END_SECOND_REMINDER_SENT = "EndEvent_SecondReminderSent";

    // api mode: Microsoft confirms the acceptance (MicrosoftRelationships)
    public static final String GATEWAY_ACCEPTANCE_CONFIRMED_BY = "Gateway_AcceptanceConfirmedBy";
    public static final String AWAIT_MICROSOFT = "SubProcess_AwaitMicrosoftAcceptance";
    public static final String START_MICROSOFT_WATCH = "StartEvent_MicrosoftWatchStarted";
    public static final String TIMER_MICROSOFT_CHECK = "Timer_MicrosoftCheckDue";
    public static final String CHECK_MICROSOFT = "Task_CheckMicrosoftRelationship";
    public static final String GATEWAY_MICROSOFT_RELATIONSHIP = "Gateway_MicrosoftRelationship";
    public static final String END_MICROSOFT_CONFIRMED = "EndEvent_MicrosoftConfirmed";
    public static final String TIMER_MICROSOFT_FIRST_REMINDER = "BoundaryEvent_MicrosoftFirstReminderDue";
    public static final String TIMER_MICROSOFT_SECOND_REMINDER = "BoundaryEvent_MicrosoftSecondReminderDue";
    public static final String TIMER_MICROSOFT_EXPIRY = "BoundaryEvent_MicrosoftInvitationExpired";
    public static final String BOUNDARY_CUSTOMER_DECLINED = "BoundaryEvent_CustomerDeclined";

    // invitation-reply-triage
    public static final String READ_REPLY = "Task_ReadReply";
    public static final String APPLY_REPLY_ANSWER = "Task_ApplyReplyAnswer";
    public static final String END_REPLY_APPLIED = "EndEvent_ReplyApplied";
    public static final String END_REPLY_IGNORED = "EndEvent_ReplyIgnored";
  }

  public static final class Errors {
    private Errors() {}

    public static final String INVITATION_INVALID = "InvitationInvalid";
  }

  /** Ids of the Camunda Forms of both processes: the writers named in the variable contract below. */
  public static final class Forms {
    private Forms() {}

    public static final String INVITATION_REQUEST = "form-invitation-request";
    public static final String EDIT_INVITATION = "form-edit-invitation";
    public static final String FOLLOW_UP = "form-invitation-follow-up";
    public static final String READ_REPLY = "form-read-reply";
  }

  public static final class Decisions {
    private Decisions() {}

    public static final String INVITATION_SEND = "send";
    public static final String INVITATION_CANCEL = "cancel";
    public static final String ANSWER_ACCEPTED = "accepted";
    public static final String ANSWER_DECLINED = "declined";
    public static final String FOLLOW_UP_RESEND = "resend";
    public static final String FOLLOW_UP_CLOSE = "close";
    public static final String REPLY_ACCEPT = "accept";
    public static final String REPLY_DECLINE = "decline";
    public static final String REPLY_IGNORE = "ignore";
    public static final String MICROSOFT_ESTABLISHED = "established";
    public static final String MICROSOFT_PENDING = "pending";
  }

  // Request (start form, "Edit invitation")
  public static final ProcessVariable<String> COMPANY_NAME = stringVariable("companyName").writtenBy(Forms.INVITATION_REQUEST, Forms.EDIT_INVITATION);
  public static final ProcessVariable<String> DOMAIN_PREFIX = stringVariable("domainPrefix").writtenBy(Forms.INVITATION_REQUEST, Forms.EDIT_INVITATION);
  public static final ProcessVariable<String> CUSTOMER_ID = stringVariable("customerId");
  public static final ProcessVariable<String> ADMIN_EMAIL = stringVariable("adminEmail").writtenBy(Forms.INVITATION_REQUEST, Forms.EDIT_INVITATION);
  public static final ProcessVariable<String> ADMIN_FIRST_NAME = stringVariable("adminFirstName").writtenBy(Forms.INVITATION_REQUEST, Forms.EDIT_INVITATION);
  public static final ProcessVariable<String> ADMIN_LAST_NAME = stringVariable("adminLastName").writtenBy(Forms.INVITATION_REQUEST, Forms.EDIT_INVITATION);
  public static final ProcessVariable<String> CULTURE = stringVariable("culture").writtenBy(Forms.INVITATION_REQUEST, Forms.EDIT_INVITATION);
  public static final ProcessVariable<String> LANGUAGE = stringVariable("language").writtenBy(Forms.INVITATION_REQUEST, Forms.EDIT_INVITATION);
  public static final ProcessVariable<Boolean> INCLUDE_DELEGATED_ADMIN = booleanVariable("includeDelegatedAdmin").writtenBy(Forms.INVITATION_REQUEST, Forms.EDIT_INVITATION);
  /** The operator's own words above the invitation; the acceptance link is always added by us. */
  public static final ProcessVariable<String> PERSONAL_MESSAGE = stringVariable("personalMessage").writtenBy(Forms.INVITATION_REQUEST, Forms.EDIT_INVITATION, Forms.FOLLOW_UP);
  public static final ProcessVariable<String> INVITATION_ERRORS = stringVariable("invitationErrors");
  /** In "Edit invitation": {@link Decisions#INVITATION_SEND} or {@link Decisions#INVITATION_CANCEL}. */
  public static final ProcessVariable<String> INVITATION_DECISION = stringVariable("invitationDecision").writtenBy(Forms.EDIT_INVITATION)
      .oneOf(Decisions.INVITATION_SEND, Decisions.INVITATION_CANCEL);
  public static final ProcessVariable<String> INITIATOR = stringVariable("initiator");

  // Registry and answer
  public static final ProcessVariable<String> INVITATION_ID = stringVariable("invitationId");
  /** {@link Decisions#ANSWER_ACCEPTED} or {@link Decisions#ANSWER_DECLINED}; absent after expiry. */
  public static final ProcessVariable<String> ANSWER = stringVariable("answer");
  /** LINK or EMAIL. */
  public static final ProcessVariable<String> ANSWER_CHANNEL = stringVariable("answerChannel");
  public static final ProcessVariable<String> ANSWERED_BY_NAME = stringVariable("answeredByName");
  public static final ProcessVariable<String> ANSWERED_BY_EMAIL = stringVariable("answeredByEmail");
  public static final ProcessVariable<String> DECLINE_REASON = stringVariable("declineReason");
  /** The admin accepted the customer agreement on the acceptance page (asked only when none is on record). */
  public static final ProcessVariable<Boolean> AGREEMENT_ACCEPTED_BY_CUSTOMER = booleanVariable("agreementAcceptedByCustomer");
  /** {@link Decisions#FOLLOW_UP_RESEND} or {@link Decisions#FOLLOW_UP_CLOSE}. */
  public static final ProcessVariable<String> FOLLOW_UP_DECISION = stringVariable("followUpDecision").writtenBy(Forms.FOLLOW_UP)
      .oneOf(Decisions.FOLLOW_UP_RESEND, Decisions.FOLLOW_UP_CLOSE);
  // api mode: Microsoft confirms the acceptance (all written by the server)
  /** Set by "Send invitation": true when Microsoft, not the customer's answer to us, confirms (api mode). */
  public static final ProcessVariable<Boolean> ACCEPTANCE_FROM_MICROSOFT = booleanVariable("acceptanceFromMicrosoft");
  /** Looks at Microsoft in this send (back-off of the next one: {@code invitationTimers.microsoftCheck}). */
  public static final ProcessVariable<Long> MICROSOFT_CHECKS = longVariable("microsoftChecks");
  /** {@link Decisions#MICROSOFT_ESTABLISHED} or {@link Decisions#MICROSOFT_PENDING}, after each look. */
  public static final ProcessVariable<String> MICROSOFT_RELATIONSHIP = stringVariable("microsoftRelationship")
      .oneOf(Decisions.MICROSOFT_ESTABLISHED, Decisions.MICROSOFT_PENDING);
  /** What the last look found missing (for Cockpit), absent once established. */
  public static final ProcessVariable<String> MICROSOFT_WAITING_FOR = stringVariable("microsoftWaitingFor");
  /** The customer's tenant as Partner Center lists it, once established. */
  public static final ProcessVariable<String> MICROSOFT_TENANT_ID = stringVariable("microsoftTenantId");

  /** Customer id the relationship was recorded on. */
  public static final ProcessVariable<String> RELATIONSHIP_CUSTOMER_ID = stringVariable("relationshipCustomerId");

  // invitation-reply-triage: the mail, attached as variables
  public static final ProcessVariable<String> REPLY_MESSAGE_ID = stringVariable("replyMessageId");
  public static final ProcessVariable<String> REPLY_FROM = stringVariable("replyFrom");
  public static final ProcessVariable<String> REPLY_SUBJECT = stringVariable("replySubject");
  public static final ProcessVariable<String> REPLY_RECEIVED_AT = stringVariable("replyReceivedAt");
  public static final ProcessVariable<String> REPLY_TEXT = stringVariable("replyText");
  /** Why the reply needs a human: one of the {@code PROBLEM_*} values. */
  public static final ProcessVariable<String> REPLY_PROBLEM = stringVariable("replyProblem");
  public static final String PROBLEM_UNMATCHED = "unmatched";
  public static final String PROBLEM_UNREADABLE = "unreadable";
  public static final String PROBLEM_OTHER_SENDER = "sender is not the invited admin";
  /** {@link Decisions#REPLY_ACCEPT}, {@link Decisions#REPLY_DECLINE} or {@link Decisions#REPLY_IGNORE}. */
  public static final ProcessVariable<String> REPLY_DECISION = stringVariable("replyDecision").writtenBy(Forms.READ_REPLY)
      .oneOf(Decisions.REPLY_ACCEPT, Decisions.REPLY_DECLINE, Decisions.REPLY_IGNORE);
  public static final ProcessVariable<String> REPLY_OUTCOME = stringVariable("replyOutcome");
}
