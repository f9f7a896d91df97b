package io.partnerflow.relationship;

import static io.partnerflow.relationship.EndRelationshipProcess.*;

import io.partnerflow.customer.ActiveSubscriptionsException;
import io.partnerflow.customer.RelationshipService;
import io.partnerflow.relationship.EndRelationshipProcess.Errors;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Remove relationship": the registry ends the reseller relationship and revokes delegated admin,
 * unless a subscription became active meanwhile (a new order); then back to the check.
 */
@Component
public class RemoveRelationshipDelegate implements JavaDelegate {

  private final RelationshipService relationships;

  public RemoveRelationshipDelegate(RelationshipService relationships) {
    this.relationships = relationships;
  }

  @Override
  public void execute(DelegateExecution execution) {
    try {
      relationships.removeRelationship(CUSTOMER_ID.get(execution), INITIATOR.from(execution),
          REASON.from(execution));
    } catch (ActiveSubscriptionsException e) {
      throw new BpmnError(Errors.SUBSCRIPTIONS_STILL_ACTIVE, e.getMessage());
    }
  }
}
