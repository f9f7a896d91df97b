package io.partnerflow.trust;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The webapps' own APIs (Cockpit's and Admin's plugin endpoints) answer only users who may open
 * that webapp: Camunda 7.24 answered an operator's call to Cockpit's statistics although operators
 * have no Cockpit access. Sign-in ({@code /api/admin/auth}) and first-user setup stay Camunda's.
 */
public class WebappApplicationFilter extends OncePerRequestFilter {

  private static final Pattern APP_API = Pattern.compile("^/camunda/api/(cockpit|tasklist|admin|welcome)(/.*)?$");
  private static final Pattern CAMUNDA_OWN = Pattern.compile("^/camunda/api/admin/(auth|setup)(/.*)?$");

  private final EngineLookups engine;

  public WebappApplicationFilter(EngineLookups engine) {
    this.engine = engine;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    Matcher app = APP_API.matcher(path);
    if (!app.matches() || CAMUNDA_OWN.matcher(path).matches()) {
      chain.doFilter(request, response);
      return;
    }
    Optional<EngineLookups.Caller> caller = engine.caller(request);
    if (caller.isPresent() && !caller.get().admin() && !caller.get().apps().contains(app.group(1))) {
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      response.setContentType("application/json;charset=UTF-8");
      response.getWriter().write("{\"type\":\"AuthorizationException\",\"message\":\"You may not use "
          + app.group(1) + ".\",\"code\":null}");
      return;
    }
    chain.doFilter(request, response);
  }
}
