package io.partnerflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.web.util.WebUtils;

/**
 * The synchronizer token of the sign-in and sign-out forms, kept in the HTTP session: a form posted
 * from another site (login CSRF, forced logout) cannot carry it.
 */
final class FormToken {

  static final String PARAMETER = "_csrf";
  private static final String ATTRIBUTE = FormToken.class.getName();
  private static final SecureRandom RANDOM = new SecureRandom();

  private FormToken() {}

  /** The session's token, created (with the session) on first use. */
  static String issue(HttpServletRequest request) {
    HttpSession session = request.getSession(true);
    synchronized (WebUtils.getSessionMutex(session)) { // two tabs must not replace each other's token
      if (session.getAttribute(ATTRIBUTE) instanceof String existing) {
        return existing;
      }
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(ATTRIBUTE, token);
      return token;
    }
  }

  /** Whether the submitted token is this session's (constant time). */
  static boolean isValid(HttpServletRequest request, String submitted) {
    HttpSession session = request.getSession(false);
    if (submitted == null || session == null || !(session.getAttribute(ATTRIBUTE) instanceof String expected)) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
  }
}
