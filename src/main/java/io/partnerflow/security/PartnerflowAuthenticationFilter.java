package io.partnerflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates our own pages and APIs with the Camunda identity service: a user logged in to
 * Tasklist/Cockpit/Admin (same HTTP session) or HTTP Basic credentials; anything else gets 401.
 * For the request the engine's current authentication is that user, so engine calls made on its
 * behalf are authorized as that user; {@link HttpServletRequest#getRemoteUser()} and the request
 * attribute {@link #USER_ID_ATTRIBUTE} carry the user id.
 */
public class PartnerflowAuthenticationFilter extends OncePerRequestFilter {

  public static final String USER_ID_ATTRIBUTE = "partnerflow.userId";

  /** Where the Camunda webapps keep their {@link Authentications} (AuthenticationUtil's key is protected). */
  static final String CAMUNDA_SESSION_ATTRIBUTE = "authenticatedUser";

  static final String CHALLENGE = "Basic realm=\"partnerflow\"";

  private final ObjectProvider<ProcessEngine> processEngineProvider;

  /**
   * Takes a provider: filter registrations are created with the web server, before other beans,
   * and building the engine that early would create its tables before Flyway migrates.
   */
  public PartnerflowAuthenticationFilter(ObjectProvider<ProcessEngine> processEngineProvider) {
    this.processEngineProvider = processEngineProvider;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ProcessEngine processEngine = processEngineProvider.getObject();
    IdentityService identityService = processEngine.getIdentityService();
    identityService.clearAuthentication(); // pooled threads: never inherit a previous request's user

    String userId = webappSessionUser(request, processEngine);
    if (userId == null) {
      userId = basicAuthenticationUser(request, processEngine);
    }
    if (userId == null) {
      response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
      response.setHeader("WWW-Authenticate", CHALLENGE);
      response.setContentType("text/plain;charset=UTF-8");
      response.getWriter().write("Authentication required\n");
      return;
    }

    List<String> groups = identityService.createGroupQuery().groupMember(userId).list().stream()
        .map(Group::getId).toList();
    List<String> tenants = identityService.createTenantQuery().userMember(userId).includingGroupsOfUser(true)
        .list().stream().map(Tenant::getId).toList();
    request.setAttribute(USER_ID_ATTRIBUTE, userId);
    identityService.setAuthentication(userId, groups, tenants);
    try {
      chain.doFilter(new AuthenticatedRequest(request, userId), response);
    } finally {
      identityService.clearAuthentication();
    }
  }

  private static String webappSessionUser(HttpServletRequest request, ProcessEngine processEngine) {
    HttpSession session = request.getSession(false);
    if (session == null
        || !(session.getAttribute(CAMUNDA_SESSION_ATTRIBUTE) instanceof Authentications authentications)) {
      return null;
    }
    Authentication authentication = authentications.getAuthenticationForProcessEngine(processEngine.getName());
    if (authentication == null || authentication.getIdentityId() == null) {
      return null;
    }
    String userId = authentication.getIdentityId();
    // a user deleted in Admin must not live on in an old session
    return processEngine.getIdentityService().createUserQuery().userId(userId).count() > 0 ? userId : null;
  }

  private static String basicAuthenticationUser(HttpServletRequest request, ProcessEngine processEngine) {
    String header = request.getHeader("Authorization");
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return null;
    }
    String decoded;
    try {
      decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    int colon = decoded.indexOf(':');
    if (colon <= 0) {
      return null;
    }
    String userId = decoded.substring(0, colon);
    String password = decoded.substring(colon + 1);
    // checkPassword counts failures and locks the user (login throttling), like the webapp login
    return processEngine.getIdentityService().checkPassword(userId, password) ? userId : null;
  }

  private static final class AuthenticatedRequest extends HttpServletRequestWrapper {
    private final String userId;

    AuthenticatedRequest(HttpServletRequest request, String userId) {
      super(request);
      this.userId = userId;
    }

    @Override
    public String getRemoteUser() {
      return userId;
    }

    @Override
    public Principal getUserPrincipal() {
      return () -> userId;
    }
  }
}
