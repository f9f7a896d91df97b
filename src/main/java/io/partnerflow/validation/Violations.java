package io.partnerflow.validation;

import io.partnerflow.process.ProcessVariable;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Broken rules in a process: shown to the operator, and routed as a BPMN error to a human step. */
public final class Violations {

  private Violations() {}

  /** One Markdown bullet per broken rule, as the correction forms display them. */
  public static String asBulletList(List<Violation> violations) {
    return violations.stream().map(v -> "- **" + v.field() + "**: " + v.message() + " (`" + v.rule() + "`)")
        .collect(Collectors.joining("\n"));
  }

  /**
   * Writes the violations (or an empty list) to the form's errors variable and, when there are any,
   * throws the BPMN error whose boundary event leads back to the task that can correct them.
   */
  public static void enforce(VariableScope scope, ProcessVariable<String> errorsVariable, List<Violation> violations,
      String errorCode) {
    errorsVariable.set(scope, asBulletList(violations));
    if (!violations.isEmpty()) {
      throw new BpmnError(errorCode, violations.size() + " rule(s) broken: " + violations);
    }
  }
}
