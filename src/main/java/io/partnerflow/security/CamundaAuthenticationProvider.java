package io.partnerflow.security;

import org.camunda.bpm.engine.IdentityService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * User name and password (our login page, HTTP Basic on /api and our pages) checked by Camunda's
 * identity service, behind the {@link LoginThrottle}. The answer to a wrong password is the same
 * whether or not the user exists.
 */
@Component
public class CamundaAuthenticationProvider implements AuthenticationProvider {

  private static final Logger log = LoggerFactory.getLogger(CamundaAuthenticationProvider.class);

  static final String WRONG_CREDENTIALS = "Wrong user name or password.";

  private final CamundaUsers users;
  private final LoginThrottle throttle;

  public CamundaAuthenticationProvider(CamundaUsers users, LoginThrottle throttle) {
    this.users = users;
    this.throttle = throttle;
  }

  @Override
  public Authentication authenticate(Authentication authentication) {
    String userId = authentication.getName();
    String password = authentication.getCredentials() == null ? null : authentication.getCredentials().toString();
    String address = authentication.getDetails() instanceof WebAuthenticationDetails details
        ? details.getRemoteAddress() : null;
    throttle.check(userId, address);
    IdentityService identityService = users.identityService();
    identityService.clearAuthentication(); // pooled threads: checked as nobody, like Camunda's own login
    if (userId == null || userId.isEmpty() || password == null || !identityService.checkPassword(userId, password)) {
      throttle.failed(userId, address);
      log.debug("Failed sign-in as {} from {}", userId, address);
      throw new BadCredentialsException(WRONG_CREDENTIALS);
    }
    throttle.succeeded(userId, address);
    return users.authenticated(userId);
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
