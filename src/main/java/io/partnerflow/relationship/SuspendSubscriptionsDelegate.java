package io.partnerflow.relationship;

import static io.partnerflow.relationship.EndRelationshipProcess.ACTIVE_SUBSCRIPTIONS;
import static io.partnerflow.relationship.EndRelationshipProcess.CUSTOMER_ID;

import io.partnerflow.relationship.EndRelationshipProcess.ActiveSubscription;
import java.util.List;
import java.util.Optional;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Suspend subscriptions", behind an async continuation: the subscriptions the operator confirmed
 * are suspended in Partner Center and in our table. A retry suspends only what is left. One that
 * became active since the confirmation is left alone: the removal then refuses, and the operator
 * confirms the new list.
 */
@Component
public class SuspendSubscriptionsDelegate implements JavaDelegate {

  private final CustomerSubscriptions subscriptions;

  public SuspendSubscriptionsDelegate(CustomerSubscriptions subscriptions) {
    this.subscriptions = subscriptions;
  }

  @Override
  public void execute(DelegateExecution execution) {
    List<String> confirmed = Optional.ofNullable(ACTIVE_SUBSCRIPTIONS.from(execution)).orElse(List.of()).stream()
        .map(ActiveSubscription::subscriptionId).toList();
    subscriptions.suspend(CUSTOMER_ID.get(execution), execution.getProcessInstanceId(), confirmed);
  }
}
