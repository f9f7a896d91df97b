package io.partnerflow.security;

import java.time.Duration;
import org.springframework.security.core.AuthenticationException;

/** A sign-in refused unchecked because its source failed too often lately ({@link LoginThrottle}). */
public class LoginThrottledException extends AuthenticationException {

  private final transient Duration wait;

  public LoginThrottledException(Duration wait) {
    super(LoginThrottle.message(wait));
    this.wait = wait;
  }

  public Duration getWait() {
    return wait;
  }
}
