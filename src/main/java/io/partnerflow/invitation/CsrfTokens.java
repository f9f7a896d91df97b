package io.partnerflow.invitation;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.web.util.WebUtils;

/**
 * Synchronizer tokens for the invitation form: a random token per invitation link, kept in the HTTP
 * session under the link's hash, so a token only answers the invitation it was issued for.
 */
final class CsrfTokens {

  static final String PARAMETER = "_csrf";
  private static final String ATTRIBUTE_PREFIX = CsrfTokens.class.getName() + ".";
  private static final SecureRandom RANDOM = new SecureRandom();

  private CsrfTokens() {}

  /** The session's token for this invitation link, created (with the session) on first use. */
  static String issue(HttpServletRequest request, String invitationToken) {
    HttpSession session = request.getSession(true);
    String key = key(invitationToken);
    synchronized (WebUtils.getSessionMutex(session)) { // two tabs must not replace each other's token
      if (session.getAttribute(key) instanceof String existing) {
        return existing;
      }
      byte[] bytes = new byte[32];
      RANDOM.nextBytes(bytes);
      String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
      session.setAttribute(key, token);
      return token;
    }
  }

  /** Whether the submitted token is the one this session holds for this invitation link (constant time). */
  static boolean isValid(HttpServletRequest request, String invitationToken, String submitted) {
    if (submitted == null || submitted.isEmpty()) {
      return false;
    }
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(key(invitationToken)) instanceof String expected)) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
  }

  private static String key(String invitationToken) {
    return ATTRIBUTE_PREFIX + InvitationTokens.hash(invitationToken);
  }
}
