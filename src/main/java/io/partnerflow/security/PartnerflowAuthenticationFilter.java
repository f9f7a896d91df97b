package io.partnerflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.Base64;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates our own pages and APIs with the Camunda identity service: a user logged in to
 * Tasklist/Cockpit/Admin or our {@link LoginController login page} (same HTTP session) or HTTP Basic
 * credentials. Anything else gets 401 with a Basic challenge, except, on pages, a browser opening
 * one: it is sent to the login page, which comes back here afterwards. For the request the engine's
 * current authentication is that user, so engine calls made on its behalf are authorized as that
 * user; {@link HttpServletRequest#getRemoteUser()} and the request attribute
 * {@link #USER_ID_ATTRIBUTE} carry the user id.
 */
public class PartnerflowAuthenticationFilter extends OncePerRequestFilter {

  public static final String USER_ID_ATTRIBUTE = "partnerflow.userId";

  static final String CHALLENGE = "Basic realm=\"partnerflow\"";

  /** Whether a browser without a session is sent to the login page (pages) or challenged (APIs). */
  public enum Unauthenticated { LOGIN_PAGE_FOR_BROWSERS, CHALLENGE }

  private final ObjectProvider<ProcessEngine> processEngineProvider;
  private final Unauthenticated unauthenticated;

  /**
   * Takes a provider: filter registrations are created with the web server, before other beans,
   * and building the engine that early would create its tables before Flyway migrates.
   */
  public PartnerflowAuthenticationFilter(ObjectProvider<ProcessEngine> processEngineProvider,
      Unauthenticated unauthenticated) {
    this.processEngineProvider = processEngineProvider;
    this.unauthenticated = unauthenticated;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    ProcessEngine processEngine = processEngineProvider.getObject();
    IdentityService identityService = processEngine.getIdentityService();
    identityService.clearAuthentication(); // pooled threads: never inherit a previous request's user

    String userId = WebappSession.userId(request, processEngine);
    if (userId == null) {
      userId = basicAuthenticationUser(request, processEngine);
    }
    if (userId == null && unauthenticated == Unauthenticated.LOGIN_PAGE_FOR_BROWSERS && isBrowserNavigation(request)) {
      response.sendRedirect(loginUrl(request));
      return;
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

  /**
   * A person opening the page in a browser: a GET that names HTML among what it accepts and sends
   * no credentials. Scripts and API clients (curl accepts anything, naming nothing) and wrong Basic
   * credentials get the 401.
   */
  static boolean isBrowserNavigation(HttpServletRequest request) {
    if (!HttpMethod.GET.matches(request.getMethod()) || request.getHeader(HttpHeaders.AUTHORIZATION) != null) {
      return false;
    }
    List<MediaType> accepted;
    try {
      accepted = MediaType.parseMediaTypes(request.getHeader(HttpHeaders.ACCEPT));
    } catch (InvalidMediaTypeException e) {
      return false;
    }
    return accepted.stream().anyMatch(type -> type.getQualityValue() > 0
        && MediaType.TEXT_HTML.getType().equals(type.getType())
        && MediaType.TEXT_HTML.getSubtype().equals(type.getSubtype()));
  }

  /** The login page, with this page (path and query, as requested) to come back to. */
  static String loginUrl(HttpServletRequest request) {
    String page = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
    return request.getContextPath() + LoginController.LOGIN_PATH + "?" + LoginController.NEXT + "="
        + URLEncoder.encode(page, StandardCharsets.UTF_8);
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
