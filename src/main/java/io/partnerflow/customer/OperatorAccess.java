package io.partnerflow.customer;

import io.partnerflow.security.DemoUsersInitializer;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
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

  static final String CSRF_PARAMETER = "_csrf";
  private static final String CSRF_ATTRIBUTE = OperatorAccess.class.getName() + ".csrf";
  private static final SecureRandom RANDOM = new SecureRandom();

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
    String expected = (String) session.getAttribute(CSRF_ATTRIBUTE);
    if (expected == null || csrf == null || !MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
        csrf.getBytes(StandardCharsets.UTF_8))) {
      throw new ResponseStatusException(HttpStatus.FORBIDDEN, "_csrf: the form expired, reload the page");
    }
  }

  /** The session's form token, created on first use. */
  static String csrfToken(HttpSession session) {
    String token = (String) session.getAttribute(CSRF_ATTRIBUTE);
    if (token == null) {
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(CSRF_ATTRIBUTE, token);
    }
    return token;
  }
}
