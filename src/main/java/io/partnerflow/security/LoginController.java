package io.partnerflow.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.View;

/**
 * Our login page, where {@link PartnerflowAuthenticationFilter} sends browsers without a session
 * (instead of the browser's Basic prompt). It checks the password with Camunda's identity service
 * (which counts failures and locks users, like Tasklist's login) and logs in to the Camunda webapp
 * session ({@link WebappSession}), so one login serves our pages, Tasklist and Cockpit. Sign-out ends
 * that session for all of them.
 *
 * <p>Statuses: 400 missing user name or password, or a {@code next} that is not a local path
 * ({@link LocalRedirect}); 401 wrong user name or password (the same message whether or not the
 * user exists, or is locked); 403 form token missing or expired; 303 to {@code next} when logged in.
 */
@Controller
public class LoginController {

  private static final Logger log = LoggerFactory.getLogger(LoginController.class);

  public static final String LOGIN_PATH = "/login";
  public static final String LOGOUT_PATH = "/logout";
  /** The sign-in and sign-out forms share one token. */
  private static final String SCOPE = "sign-in";
  static final String NEXT = "next";
  static final String USERNAME = "username";
  static final String PASSWORD = "password";
  static final String SIGNED_OUT = "signedOut";
  static final String LOGIN_VIEW = "login/login";
  static final String LOGOUT_VIEW = "login/logout";

  static final String WRONG_CREDENTIALS = "Wrong user name or password.";
  static final String CREDENTIALS_REQUIRED = "Enter your user name and password.";
  static final String FORM_EXPIRED = "The form expired or did not come from this page; please try again.";
  static final String BAD_NEXT = "The link you followed was refused (next: " + LocalRedirect.RULE
      + "). After signing in you go to the start page.";
  static final String SIGNED_OUT_NOTICE = "You are signed out of partnerflow, Tasklist and Cockpit.";

  private final ProcessEngine processEngine;

  public LoginController(ProcessEngine processEngine) {
    this.processEngine = processEngine;
  }

  @GetMapping(LOGIN_PATH)
  public ModelAndView loginPage(@RequestParam(name = NEXT, required = false) String next,
      @RequestParam(name = SIGNED_OUT, required = false) String signedOut, HttpServletRequest request) {
    Optional<String> target = LocalRedirect.of(next);
    if (target.isEmpty()) {
      return loginPage(request, HttpStatus.BAD_REQUEST, BAD_NEXT, LocalRedirect.DEFAULT, null);
    }
    if (WebappSession.userId(request, processEngine) != null) {
      return seeOther(target.get()); // logged in already, e.g. in Tasklist meanwhile
    }
    ModelAndView page = loginPage(request, HttpStatus.OK, null, target.get(), null);
    page.addObject("notice", signedOut != null ? SIGNED_OUT_NOTICE : null);
    return page;
  }

  @PostMapping(LOGIN_PATH)
  public ModelAndView logIn(@RequestParam(name = FormTokens.PARAMETER, required = false) String token,
      @RequestParam(name = NEXT, required = false) String next,
      @RequestParam(name = USERNAME, required = false) String username,
      @RequestParam(name = PASSWORD, required = false) String password, HttpServletRequest request) {
    Optional<String> target = LocalRedirect.of(next);
    if (!FormTokens.isValid(request.getSession(false), SCOPE, token)) {
      return loginPage(request, HttpStatus.FORBIDDEN, FORM_EXPIRED, target.orElse(LocalRedirect.DEFAULT), username);
    }
    if (target.isEmpty()) {
      return loginPage(request, HttpStatus.BAD_REQUEST, BAD_NEXT, LocalRedirect.DEFAULT, username);
    }
    if (username == null || username.isBlank() || password == null || password.isEmpty()) {
      return loginPage(request, HttpStatus.BAD_REQUEST, CREDENTIALS_REQUIRED, target.get(), username);
    }
    IdentityService identityService = processEngine.getIdentityService();
    identityService.clearAuthentication(); // pooled threads: checked as nobody, like Camunda's own login
    // checkPassword is false for unknown and locked users too, so the answer tells nothing about them
    if (!identityService.checkPassword(username, password) || !WebappSession.logIn(request, processEngine, username)) {
      log.debug("Failed sign-in as {}", username);
      return loginPage(request, HttpStatus.UNAUTHORIZED, WRONG_CREDENTIALS, target.get(), username);
    }
    log.debug("Signed in as {}", username);
    return seeOther(target.get());
  }

  /** Asks before signing out: sign-out is a POST with the form token, so another site cannot force it. */
  @GetMapping(LOGOUT_PATH)
  public ModelAndView logoutPage(HttpServletRequest request) {
    String userId = WebappSession.userId(request, processEngine);
    if (userId == null) {
      return seeOther(request.getContextPath() + LOGIN_PATH);
    }
    return logoutPage(request, HttpStatus.OK, null, userId);
  }

  @PostMapping(LOGOUT_PATH)
  public ModelAndView logOut(@RequestParam(name = FormTokens.PARAMETER, required = false) String token,
      HttpServletRequest request) {
    String userId = WebappSession.userId(request, processEngine);
    if (userId == null) {
      return seeOther(request.getContextPath() + LOGIN_PATH);
    }
    if (!FormTokens.isValid(request.getSession(false), SCOPE, token)) {
      return logoutPage(request, HttpStatus.FORBIDDEN, FORM_EXPIRED, userId);
    }
    WebappSession.logOut(request);
    return seeOther(request.getContextPath() + LOGIN_PATH + "?" + SIGNED_OUT);
  }

  private static ModelAndView loginPage(HttpServletRequest request, HttpStatus status, String message, String next,
      String username) {
    ModelAndView page = form(request, LOGIN_VIEW, status, message);
    page.addObject("next", next);
    page.addObject("username", username);
    return page;
  }

  private static ModelAndView logoutPage(HttpServletRequest request, HttpStatus status, String message,
      String userId) {
    ModelAndView page = form(request, LOGOUT_VIEW, status, message);
    page.addObject("currentUser", userId);
    return page;
  }

  private static ModelAndView form(HttpServletRequest request, String view, HttpStatus status, String message) {
    ModelAndView page = new ModelAndView(view);
    page.setStatus(status);
    page.addObject("message", message);
    page.addObject("csrf", FormTokens.issue(request.getSession(true), SCOPE));
    page.addObject("csrfParameter", FormTokens.PARAMETER);
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
