package io.partnerflow.onboarding;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * When "Hand over admin credentials" ends (completed, or deleted with its instance), its temporary
 * password is deleted too, in the same transaction.
 */
@Component
public class HandOverAdminPasswordListener implements TaskListener {

  private final AdminPasswordHandOver handOver;

  public HandOverAdminPasswordListener(AdminPasswordHandOver handOver) {
    this.handOver = handOver;
  }

  @Override
  public void notify(DelegateTask task) {
    handOver.discard(task.getId(), task.getProcessInstanceId());
  }
}
