package io.partnerflow.security;

import io.partnerflow.web.ReplayableBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The {@link LoginThrottle} in front of the logins Camunda checks itself: HTTP Basic on
 * {@code /engine-rest} and the webapps' login ({@code POST /camunda/api/admin/auth/user/{engine}/login/{app}},
 * user name in the form body). A waiting source gets 429 with Retry-After before its password is
 * checked; afterwards a 401 counts as a failure and a success (below 400) clears the source.
 */
class LoginThrottleFilter extends OncePerRequestFilter {

  /** The webapps' login, below the filter's URL pattern {@link #WEBAPP_AUTH_PATTERN}. */
  static final String WEBAPP_AUTH_PATTERN = "/camunda/api/admin/auth/user/*";
  private static final Pattern WEBAPP_LOGIN = Pattern.compile("/camunda/api/admin/auth/user/[^/]+/login/[^/]+/?");
  /** A login form is a few hundred bytes; larger bodies are refused rather than read. */
  static final int MAX_LOGIN_BODY = 16 * 1024;

  private final LoginThrottle throttle;

  LoginThrottleFilter(LoginThrottle throttle) {
    this.throttle = throttle;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    HttpServletRequest forward = request;
    Optional<String> user;
    if (WEBAPP_LOGIN.matcher(path).matches() && "POST".equalsIgnoreCase(request.getMethod())) {
      if (request.getContentLengthLong() > MAX_LOGIN_BODY) {
        response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
        return;
      }
      byte[] body = request.getInputStream().readNBytes(MAX_LOGIN_BODY + 1);
      if (body.length > MAX_LOGIN_BODY) {
        response.sendError(HttpStatus.PAYLOAD_TOO_LARGE.value());
        return;
      }
      forward = new ReplayableBody(request, body);
      user = formField(new String(body, StandardCharsets.ISO_8859_1), "username");
    } else if (path.startsWith("/engine-rest")) {
      user = basicUser(request.getHeader(HttpHeaders.AUTHORIZATION));
    } else {
      user = Optional.empty();
    }
    if (user.isEmpty()) {
      chain.doFilter(forward, response);
      return;
    }
    String address = request.getRemoteAddr();
    Optional<Duration> wait = throttle.waitFor(user.get(), address);
    if (wait.isPresent()) {
      tooManyAttempts(response, wait.get());
      return;
    }
    chain.doFilter(forward, response);
    if (response.getStatus() == HttpStatus.UNAUTHORIZED.value()) {
      throttle.failed(user.get(), address);
    } else if (response.getStatus() < 400) { // not 403: a request refused unchecked (CSRF) proves nothing
      throttle.succeeded(user.get(), address);
    }
  }

  static void tooManyAttempts(HttpServletResponse response, Duration wait) throws IOException {
    response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
    response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(LoginThrottle.retryAfterSeconds(wait)));
    response.setContentType("text/plain;charset=UTF-8");
    response.getWriter().write(LoginThrottle.message(wait) + "\n");
  }

  static Optional<String> basicUser(String header) {
    if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
      return Optional.empty();
    }
    try {
      String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
      int colon = decoded.indexOf(':');
      return colon < 0 ? Optional.empty() : Optional.of(decoded.substring(0, colon));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  static Optional<String> formField(String body, String name) {
    for (String pair : body.split("&")) {
      int equals = pair.indexOf('=');
      if (equals > 0) {
        try {
          if (URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8).equals(name)) {
            return Optional.of(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8));
          }
        } catch (IllegalArgumentException e) {
          return Optional.empty();
        }
      }
    }
    return Optional.empty();
  }
}
