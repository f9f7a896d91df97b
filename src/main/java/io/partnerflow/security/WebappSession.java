package io.partnerflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Date;
import java.util.Optional;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.util.ServletContextUtil;

/**
 * The login of the Camunda webapps (Tasklist, Cockpit, Admin) in the HTTP session, shared with our
 * pages: who is logged in, logging in the way Camunda's own login does, and logging out. One login
 * for everything, whichever side it happened on.
 */
public final class WebappSession {

  /** Where the Camunda webapps keep their {@link Authentications} (AuthenticationUtil's key is protected). */
  static final String CAMUNDA_SESSION_ATTRIBUTE = "authenticatedUser";

  private WebappSession() {}

  /** The session's login to this engine as the Camunda webapps keep it (user, groups, apps), if any. */
  public static Optional<UserAuthentication> authentication(HttpServletRequest request, ProcessEngine processEngine) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(CAMUNDA_SESSION_ATTRIBUTE) instanceof Authentications authentications)
        || !(authentications.getAuthenticationForProcessEngine(processEngine.getName()) instanceof UserAuthentication user)
        || user.getIdentityId() == null) {
      return Optional.empty();
    }
    return Optional.of(user);
  }

  /** The user the session is logged in as for this engine, null if none (or the user was deleted since). */
  static String userId(HttpServletRequest request, ProcessEngine processEngine) {
    return authentication(request, processEngine).map(UserAuthentication::getIdentityId)
        // a user deleted in Admin must not live on in an old session
        .filter(userId -> processEngine.getIdentityService().createUserQuery().userId(userId).count() > 0)
        .orElse(null);
  }

  /**
   * Logs the (already checked) user in as Camunda's login resource does: its authentication with
   * groups, tenants and apps, the webapps' cache time, and a new session (new id, against session
   * fixation) that keeps the old session's logins to other engines.
   *
   * @return false if the user does not exist (any more)
   */
  static boolean logIn(HttpServletRequest request, ProcessEngine processEngine, String userId) {
    UserAuthentication authentication = AuthenticationUtil.createAuthentication(processEngine, userId);
    if (authentication == null) {
      return false;
    }
    Date cacheValidationTime = ServletContextUtil.getAuthCacheValidationTime(request.getServletContext());
    if (cacheValidationTime != null) {
      authentication.setCacheValidationTime(cacheValidationTime);
    }
    AuthenticationUtil.revalidateSession(request, authentication);
    return true;
  }

  /** Ends the session: our pages and the Camunda webapps are logged out together. */
  static void logOut(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }
}
