package io.partnerflow.security;

import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import org.springframework.web.util.WebUtils;

/**
 * Synchronizer tokens for our own HTML forms (sign-in, the customer pages, the mailbox, the
 * invitation page), kept in the HTTP session: a form posted from another site cannot carry the
 * token. Each form asks for its own scope, so a token only answers the form it was issued for.
 */
public final class FormTokens {

  /** The form field that carries the token. */
  public static final String PARAMETER = "_csrf";
  private static final String ATTRIBUTE_PREFIX = FormTokens.class.getName() + ".";
  private static final SecureRandom RANDOM = new SecureRandom();

  private FormTokens() {}

  /** The session's token for this scope, created on first use. */
  public static String issue(HttpSession session, String scope) {
    String key = ATTRIBUTE_PREFIX + scope;
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

  /** Whether the submitted token is the one this session holds for this scope (constant time). */
  public static boolean isValid(HttpSession session, String scope, String submitted) {
    if (submitted == null || submitted.isEmpty() || session == null
        || !(session.getAttribute(ATTRIBUTE_PREFIX + scope) instanceof String expected)) {
      return false;
    }
    return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8), submitted.getBytes(StandardCharsets.UTF_8));
  }
}
