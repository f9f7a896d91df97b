package io.partnerflow.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * While our controllers run, the engine's current authentication is the signed-in user (groups,
 * tenants), so what they start or read is authorized as that user; cleared afterwards, and before,
 * since request threads are pooled.
 */
class EngineAuthenticationFilter extends OncePerRequestFilter {

  private final CamundaUsers users;

  EngineAuthenticationFilter(CamundaUsers users) {
    this.users = users;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    IdentityService identityService = users.identityService();
    identityService.clearAuthentication();
    CamundaUsers.of(SecurityContextHolder.getContext().getAuthentication())
        .ifPresent(user -> identityService.setAuthentication(user.id(), user.groupIds(), user.tenantIds()));
    try {
      chain.doFilter(request, response);
    } finally {
      identityService.clearAuthentication();
    }
  }
}
