package io.partnerflow.relationship;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

/** The process's start listener: what {@link EndRelationshipStarter} requires of every start. */
@Component
public class InitializeEndRelationshipListener implements ExecutionListener {

  private final EndRelationshipStarter starter;

  public InitializeEndRelationshipListener(EndRelationshipStarter starter) {
    this.starter = starter;
  }

  @Override
  public void notify(DelegateExecution execution) {
    starter.onStart(execution);
  }
}
