package io.partnerflow.customerpages;


import io.partnerflow.security.DemoUsersInitializer;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may change customers on the pages: only operators (group {@value DemoUsersInitializer#OPERATORS}).
 * The forms' CSRF tokens are Spring Security's ({@code security.SecurityConfiguration}).
 */
@Component
public class OperatorAccess {

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
}
