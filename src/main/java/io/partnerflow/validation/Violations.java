package io.partnerflow.validation;

import io.partnerflow.process.ProcessVariable;
import java.util.List;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.delegate.BpmnError;
import org.camunda.bpm.engine.delegate.VariableScope;

/** Broken rules in a process: shown to the operator, and routed as a BPMN error to a human step. */
public final class Violations {

  private Violations() {}

  /**
   * One Markdown bullet per broken rule, as the correction forms display them: the message only (it
   * names the field by its label); field paths and rule ids are for API clients. Messages quote what
   * was entered, and Tasklist renders form text as Markdown and HTML, so the text is escaped.
   */
  public static String asBulletList(List<Violation> violations) {
    return violations.stream().map(v -> "- " + escapeMarkdown(v.message())).collect(Collectors.joining("\n"));
  }

  /** Text that Markdown and HTML show literally: entities for markup, backslashes for Markdown syntax. */
  public static String escapeMarkdown(String text) {
    StringBuilder out = new StringBuilder(text.length() + 16);
    for (char c : text.toCharArray()) {
      switch (c) {
        case '&' -> out.append("&amp;");
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '\\', '`', '*', '_', '[', ']', '{', '}', '#', '|', '!', '~' -> out.append('\\').append(c);
        case '\n', '\r' -> out.append(' ');
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  /**
   * The broken rules as {@code field/rule, field/rule}: the BPMN error's message, which the boundary
   * event keeps in {@code errorMessage} for Cockpit and the API (the form shows sentences).
   */
  public static String ruleIds(List<Violation> violations) {
    return violations.stream().map(v -> v.field() + "/" + v.rule()).collect(Collectors.joining(", "));
  }

  /**
   * Writes the violations (or an empty list) to the form's errors variable and, when there are any,
   * throws the BPMN error whose boundary event leads back to the task that can correct them.
   */
  public static void enforce(VariableScope scope, ProcessVariable<String> errorsVariable, List<Violation> violations,
      String errorCode) {
    errorsVariable.set(scope, asBulletList(violations));
    if (!violations.isEmpty()) {
      throw new BpmnError(errorCode, ruleIds(violations));
    }
  }
}
