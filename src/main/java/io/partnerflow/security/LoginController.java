package io.partnerflow.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * Our login page, where Spring Security sends browsers without a session ({@link SecurityResponses})
 * instead of the browser's Basic prompt. The password is checked by {@link CamundaAuthenticationProvider}
 * (Camunda's identity service, behind the {@link LoginThrottle}) and the user is logged in to the
 * Camunda webapp session ({@link WebappSession}), which is our pages' session too: one login serves
 * our pages, Tasklist and Cockpit. Sign-out (Spring Security's, POST /logout) ends that session for all.
 * CSRF tokens: Spring Security's (the forms are {@code th:action} forms).
 *
 * <p>Statuses: 400 missing user name or password, or a {@code next} that is not a local path
 * ({@link LocalRedirect}); 401 wrong user name or password (the same message whether or not the
 * user exists); 403 form token missing or expired; 429 too many failures from this address for
 * this user lately; 303 to {@code next} when logged in.
 */
@Controller
public class LoginController {

  private static final Logger log = LoggerFactory.getLogger(LoginController.class);

  public static final String LOGIN_PATH = "/login";
  public static final String LOGOUT_PATH = "/logout";
  static final String NEXT = "next";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String SIGNED_OUT = "signedOut";
  static final String LOGIN_VIEW = "login/login";
  static final String LOGOUT_VIEW = "login/logout";

  static final String WRONG_CREDENTIALS = CamundaAuthenticationProvider.WRONG_CREDENTIALS;
  static final String CREDENTIALS_REQUIRED = "Enter your user name and password.";
  static final String BAD_NEXT = "The link you followed was refused (next: " + LocalRedirect.RULE
      + "). After signing in you go to the start page.";
  static final String SIGNED_OUT_NOTICE = "You are signed out of partnerflow, Tasklist and Cockpit.";

  private final CamundaUsers users;
  private final AuthenticationManager authenticationManager;

  public LoginController(CamundaUsers users, AuthenticationManager authenticationManager) {
    this.users = users;
    this.authenticationManager = authenticationManager;
  }

  @GetMapping(LOGIN_PATH)
  public ModelAndView loginPage(@RequestParam(name = NEXT, required = false) String next,
      @RequestParam(name = SIGNED_OUT, required = false) String signedOut, HttpServletRequest request) {
    Optional<String> target = LocalRedirect.of(next);
    if (target.isEmpty()) {
      return loginPage(HttpStatus.BAD_REQUEST, BAD_NEXT, LocalRedirect.DEFAULT, null);
    }
    if (WebappSession.userId(request, users.engine()) != null) {
      return seeOther(target.get()); // logged in already, e.g. in Tasklist meanwhile
    }
    ModelAndView page = loginPage(HttpStatus.OK, null, target.get(), null);
    page.addObject("notice", signedOut != null ? SIGNED_OUT_NOTICE : null);
    return page;
  }

  @PostMapping(LOGIN_PATH)
  public ModelAndView logIn(@RequestParam(name = NEXT, required = false) String next,
      @RequestParam(name = USERNAME, required = false) String username,
      @RequestParam(name = PASSWORD, required = false) String password, HttpServletRequest request,
      HttpServletResponse response) {
    Optional<String> target = LocalRedirect.of(next);
    if (target.isEmpty()) {
      return loginPage(HttpStatus.BAD_REQUEST, BAD_NEXT, LocalRedirect.DEFAULT, username);
    }
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      return loginPage(HttpStatus.BAD_REQUEST, CREDENTIALS_REQUIRED, target.get(), username);
    }
    UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(username, password);
    attempt.setDetails(new WebAuthenticationDetails(request));
    try {
      authenticationManager.authenticate(attempt);
    } catch (LoginThrottledException e) {
      response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(LoginThrottle.retryAfterSeconds(e.getWait())));
      return loginPage(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), target.get(), username);
    } catch (AuthenticationException e) {
      return loginPage(HttpStatus.UNAUTHORIZED, WRONG_CREDENTIALS, target.get(), username);
    }
    if (!WebappSession.logIn(request, users.engine(), username)) {
      return loginPage(HttpStatus.UNAUTHORIZED, WRONG_CREDENTIALS, target.get(), username);
    }
    log.debug("Signed in as {}", username);
    return seeOther(target.get());
  }

  /** Asks before signing out: sign-out is a POST with the form token, so another site cannot force it. */
  @GetMapping(LOGOUT_PATH)
  public ModelAndView logoutPage(HttpServletRequest request) {
    String userId = WebappSession.userId(request, users.engine());
    if (userId == null) {
      return seeOther(request.getContextPath() + LOGIN_PATH);
    }
    ModelAndView page = new ModelAndView(LOGOUT_VIEW, HttpStatus.OK);
    page.addObject("currentUser", userId);
    return page;
  }

  private static ModelAndView loginPage(HttpStatus status, String message, String next, String username) {
    ModelAndView page = new ModelAndView(LOGIN_VIEW, status);
    page.addObject("message", message);
    page.addObject("next", next);
    page.addObject("username", username);
    return page;
  }

  /**
   * 303 with the path as given, and a one-line body. Not Spring's "redirect:": that would add the
   * context path to a path that has it already and expand {@code {…}} in it. The body matters too:
   * Camunda's SessionCookieFilter ({@link SecurityConfiguration}) adds its attributes to the new
   * session's cookie when the body is opened.
   */
  private static ModelAndView seeOther(String location) {
    View view = (model, request, response) -> {
      response.setStatus(HttpStatus.SEE_OTHER.value());
      response.setHeader(HttpHeaders.LOCATION, location);
      response.setContentType(MediaType.TEXT_PLAIN_VALUE + ";charset=UTF-8");
      response.getWriter().write("See " + location + "\n");
    };
    return new ModelAndView(view);
  }
}
