package io.partnerflow.relationship;

import static io.partnerflow.process.ProcessVariable.booleanVariable;
import static io.partnerflow.process.ProcessVariable.jsonListVariable;
import static io.partnerflow.process.ProcessVariable.stringVariable;

import io.partnerflow.process.ProcessVariable;
import java.util.List;

/** The contract of process {@code end-relationship}. */
public final class EndRelationshipProcess {

  private EndRelationshipProcess() {}

  public static final String PROCESS_KEY = "end-relationship";

  public static final class Ids {
    private Ids() {}

    public static final String START = "StartEvent_EndRelationshipRequested";
    public static final String CHECK_SUBSCRIPTIONS = "Task_CheckActiveSubscriptions";
    public static final String CONFIRM_SUSPENSION = "Task_ConfirmSuspension";
    public static final String SUSPEND_SUBSCRIPTIONS = "Task_SuspendSubscriptions";
    public static final String REMOVE_RELATIONSHIP = "Task_RemoveRelationship";
    public static final String SEND_NOTICE = "Task_SendRelationshipEndedNotice";
    public static final String GATEWAY_HAS_ACTIVE = "Gateway_HasActiveSubscriptions";
    public static final String GATEWAY_SUSPENSION_DECISION = "Gateway_SuspensionDecision";
    public static final String BOUNDARY_NO_RELATIONSHIP = "BoundaryEvent_NoRelationship";
    public static final String BOUNDARY_STILL_ACTIVE = "BoundaryEvent_SubscriptionsStillActive";
    public static final String END_RELATIONSHIP_ENDED = "EndEvent_RelationshipEnded";
    public static final String END_CANCELLED = "EndEvent_EndRelationshipCancelled";
    public static final String END_NOTHING_TO_END = "EndEvent_NoRelationshipToEnd";
  }

  public static final class Errors {
    private Errors() {}

    /** The customer is unknown or has no reseller relationship with us. */
    public static final String NO_RELATIONSHIP = "NoRelationship";
    /** A subscription became active meanwhile (e.g. a new order): suspend it first. */
    public static final String SUBSCRIPTIONS_STILL_ACTIVE = "SubscriptionsStillActive";
  }

  /** Ids of the Camunda Forms of this process: the writers named in the variable contract below. */
  public static final class Forms {
    private Forms() {}

    public static final String END_RELATIONSHIP_REQUEST = "form-end-relationship-request";
    public static final String CONFIRM_SUSPENSION = "form-confirm-suspension";
  }

  public static final class Decisions {
    private Decisions() {}

    public static final String SUSPEND = "suspend";
    public static final String CANCEL = "cancel";
  }

  public static final ProcessVariable<String> CUSTOMER_ID = stringVariable("customerId").writtenBy(Forms.END_RELATIONSHIP_REQUEST);
  public static final ProcessVariable<String> COMPANY_NAME = stringVariable("companyName");
  public static final ProcessVariable<String> DOMAIN_PREFIX = stringVariable("domainPrefix");
  public static final ProcessVariable<String> REASON = stringVariable("endReason").writtenBy(Forms.END_RELATIONSHIP_REQUEST);
  public static final ProcessVariable<String> INITIATOR = stringVariable("initiator");
  public static final ProcessVariable<Boolean> HAS_ACTIVE_SUBSCRIPTIONS = booleanVariable("hasActiveSubscriptions");
  /** The active subscriptions, for the confirmation form's table. */
  public static final ProcessVariable<List<ActiveSubscription>> ACTIVE_SUBSCRIPTIONS =
      jsonListVariable("activeSubscriptions", ActiveSubscription.class);
  /** {@link Decisions#SUSPEND} or {@link Decisions#CANCEL}. */
  public static final ProcessVariable<String> SUSPENSION_DECISION = stringVariable("suspensionDecision").writtenBy(Forms.CONFIRM_SUSPENSION).oneOf(Decisions.SUSPEND, Decisions.CANCEL);
  public static final ProcessVariable<String> END_RELATIONSHIP_ERRORS = stringVariable("endRelationshipErrors");

  public record ActiveSubscription(String subscriptionId, String offerId, String offerName, int quantity,
      String resellerPartnerId) {}
}
