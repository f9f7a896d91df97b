package io.partnerflow.benchmark;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;

/** The baseline's service and send tasks: the engine's cost of a step with no work of ours. */
public class EmptyDelegate implements JavaDelegate {

  @Override
  public void execute(DelegateExecution execution) {
    // intentionally empty
  }
}
