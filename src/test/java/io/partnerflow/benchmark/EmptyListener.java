package io.partnerflow.benchmark;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.TaskListener;

/** The baseline's execution and task listeners, where ours load options or prefill a form. */
public class EmptyListener implements ExecutionListener, TaskListener {

  @Override
  public void notify(DelegateExecution execution) {
    // intentionally empty
  }

  @Override
  public void notify(DelegateTask task) {
    // intentionally empty
  }
}
