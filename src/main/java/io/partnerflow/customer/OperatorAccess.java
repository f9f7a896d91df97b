package io.partnerflow.customer;

import io.partnerflow.security.DemoUsersInitializer;
import io.partnerflow.security.FormTokens;
import jakarta.servlet.http.HttpSession;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may change customers on the pages: only operators (group {@value DemoUsersInitializer#OPERATORS}),
 * through POST forms that carry the session's form token (CSRF).
 */
@Component
public class OperatorAccess {

  static final String CSRF_PARAMETER = FormTokens.PARAMETER;
  private static final String FORM_SCOPE = "customers";

  private final IdentityService identityService;

  public OperatorAccess(IdentityService identityService) {
    this.identityService = identityService;
  }

  boolean isOperator() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication != null && authentication.getGroupIds() != null
        && authentication.getGroupIds().contains(DemoUsersInitializer.OPERATORS);
  }

  String currentUserId() {
    Authentication authentication = identityService.getCurrentAuthentication();
    return authentication == null ? null : authentication.getUserId();
  }

  /** @throws ResponseStatusException 403 unless the current user is an operator */
  void requireOperator() {
    if (!isOperator()) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only operators may change customers");
    }
  }

  /** @throws ResponseStatusException 403 unless an operator sent the session's form token */
  void requireOperator(HttpSession session, String csrf) {
    requireOperator();
    if (!FormTokens.isValid(session, FORM_SCOPE, csrf)) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "_csrf: the form expired, reload the page");
    }
  }

  /** The session's form token, created on first use. */
  static String csrfToken(HttpSession session) {
    return FormTokens.issue(session, FORM_SCOPE);
  }
}
