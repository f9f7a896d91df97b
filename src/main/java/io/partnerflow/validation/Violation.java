package io.partnerflow.validation;

/**
 * One broken rule: the field it concerns, a short rule code and a message an operator can act on.
 */
public record Violation(String field, String rule, String message) {

  @Override
  public String toString() {
    return field + ": " + message + " [" + rule + "]";
  }
}
