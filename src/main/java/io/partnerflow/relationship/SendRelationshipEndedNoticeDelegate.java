package io.partnerflow.relationship;

import static io.partnerflow.relationship.EndRelationshipProcess.CUSTOMER_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Send notice to customer", behind an async continuation: the customer's primary contact learns in
 * its language that we are no longer its reseller; once, however often the job is retried.
 */
@Component
public class SendRelationshipEndedNoticeDelegate implements JavaDelegate {

  private final RelationshipEndedMailer mailer;

  public SendRelationshipEndedNoticeDelegate(RelationshipEndedMailer mailer) {
    this.mailer = mailer;
  }

  @Override
  public void execute(DelegateExecution execution) {
    mailer.send(CUSTOMER_ID.get(execution), execution.getProcessInstanceId());
  }
}
