package io.partnerflow.validation;

import java.util.List;

/**
 * Bad input from outside a process (API, pages): every broken rule, so the caller can answer with
 * all of them at once (RFC 9457 problem details on the API) and change nothing.
 */
public class ValidationException extends RuntimeException {

  private final List<Violation> violations;

  public ValidationException(List<Violation> violations) {
    super(violations.size() + " rule(s) broken: " + violations);
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }
}
