package io.partnerflow.benchmark;

import static io.partnerflow.onboarding.OnboardingProcess.Ids.END_CUSTOMER_ONBOARDED;
import static io.partnerflow.onboarding.OnboardingProcess.Ids.PROVISION_SUBSCRIPTIONS;
import static io.partnerflow.onboarding.OnboardingProcess.Ids.SEND_WELCOME_EMAIL;

import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;

/**
 * The engine's own limit for our shape: {@code benchmark/onboarding-baseline.bpmn} is
 * customer-onboarding with every delegate and listener empty, no forms and no variables, the happy
 * path's conditions fixed (see {@code BaselineShapeTest}).
 */
final class BaselineWorkload implements Workload {

  static final String PROCESS_KEY = "benchmark-onboarding-baseline";
  static final String RESOURCE = "benchmark/onboarding-baseline.bpmn";

  private final ProcessEngine engine;

  BaselineWorkload(ProcessEngine engine) {
    this.engine = engine;
  }

  static void deploy(ProcessEngine engine) {
    engine.getRepositoryService().createDeployment().name("benchmark baseline")
        .addClasspathResource(RESOURCE).enableDuplicateFiltering(false).deploy();
  }

  @Override
  public String label() {
    return "baseline (same shape, empty)";
  }

  @Override
  public String processKey() {
    return PROCESS_KEY;
  }

  @Override
  public VariableMap startForm(int sequence) {
    return Variables.createVariables();
  }

  @Override
  public VariableMap taskForm(Task task, VariableMap formVariables) {
    return Variables.createVariables();
  }

  @Override
  public List<String> asyncActivityIds() {
    return List.of(PROVISION_SUBSCRIPTIONS, SEND_WELCOME_EMAIL);
  }

  @Override
  public void verify(List<String> processInstanceIds) {
    EndEvents.requireAll(engine, processInstanceIds, END_CUSTOMER_ONBOARDED);
  }
}
