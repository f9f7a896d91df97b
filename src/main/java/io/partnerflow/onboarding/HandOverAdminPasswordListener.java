package io.partnerflow.onboarding;

import static io.partnerflow.onboarding.OnboardingProcess.TEMPORARY_ADMIN_PASSWORD;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

/**
 * Moves the temporary admin password from the process onto the hand-over task, so it lives only as
 * long as that task: once the operator completes it, the password is gone from the engine.
 */
@Component
public class HandOverAdminPasswordListener implements TaskListener {

  @Override
  public void notify(DelegateTask task) {
    String password = TEMPORARY_ADMIN_PASSWORD.from(task.getExecution());
    TEMPORARY_ADMIN_PASSWORD.remove(task.getExecution());
    TEMPORARY_ADMIN_PASSWORD.setLocal(task, password);
  }
}
