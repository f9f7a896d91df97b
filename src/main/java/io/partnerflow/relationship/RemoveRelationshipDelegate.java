package io.partnerflow.relationship;

import static io.partnerflow.relationship.EndRelationshipProcess.*;

import io.partnerflow.customer.ActiveSubscriptionsException;
import io.partnerflow.relationship.EndRelationshipProcess.Errors;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Remove relationship", behind an async continuation: the registry ends the reseller relationship and
 * revokes delegated admin, and Partner Center ends it too ({@link RelationshipRemoval}), unless a
 * subscription became active meanwhile in our registry (a new order); then back to the check.
 *
 * <p>A refusal from Partner Center (e.g. 800029: active subscriptions it knows and we do not) is not a
 * BPMN error: no step of this process could change what Microsoft holds, and the way back to the check
 * would find nothing active here and loop. The job becomes an incident at once, Microsoft's reason as
 * its message ({@code partnercenter.ThrottledJobRetry}); after the fix in Partner Center, retrying the
 * job in Cockpit ends the relationship.
 */
@Component
public class RemoveRelationshipDelegate implements JavaDelegate {

  private final RelationshipRemoval removal;

  public RemoveRelationshipDelegate(RelationshipRemoval removal) {
    this.removal = removal;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      removal.remove(CUSTOMER_ID.get(execution), execution.getProcessInstanceId(), INITIATOR.from(execution),
          REASON.from(execution));
    } catch (ActiveSubscriptionsException e) {
      throw new BpmnError(Errors.SUBSCRIPTIONS_STILL_ACTIVE, e.getMessage());
    }
  }
}
