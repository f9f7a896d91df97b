package io.partnerflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.util.HtmlUtils;

/**
 * What Spring Security answers when it stops a request. Pages: browsers opening one without a
 * session go to the login page; anything else gets 401 with a Basic challenge; a refused form
 * (CSRF) or a forbidden page gets a plain message. The API: the same statuses as problem details
 * ({@code application/problem+json}). A throttled sign-in ({@link LoginThrottle}) gets 429.
 */
final class SecurityResponses {

  static final String CHALLENGE = "Basic realm=\"partnerflow\"";
  static final String FORM_EXPIRED =
      "The form expired or did not come from this site. Go back, reload the page and try again.";
  static final String PROBLEM_BASE = "https://partnerflow.io/problems/";

  private SecurityResponses() {}

  static AuthenticationEntryPoint pages() {
    return (request, response, failure) -> {
      if (failure instanceof LoginThrottledException throttled) {
        LoginThrottleFilter.tooManyAttempts(response, throttled.getWait());
      } else if (isBrowserNavigation(request)) {
        response.sendRedirect(loginUrl(request));
      } else {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().write("Authentication required\n");
      }
    };
  }

  static AccessDeniedHandler pagesDenied() {
    return (request, response, denied) -> {
      String message = denied instanceof CsrfException ? FORM_EXPIRED : "You may not open or change this page.";
      response.setStatus(HttpStatus.FORBIDDEN.value());
      response.setContentType("text/html;charset=UTF-8");
      response.getWriter().write("<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Forbidden</title>"
          + "</head><body><h1>Forbidden</h1><p>" + HtmlUtils.htmlEscape(message) + "</p></body></html>\n");
    };
  }

  /** The invitation page explains a refused form itself, in the invitation's language. */
  static AccessDeniedHandler invitationDenied() {
    return (request, response, denied) -> {
      request.setAttribute(SecurityConfiguration.FORM_REFUSED_ATTRIBUTE, Boolean.TRUE);
      request.getRequestDispatcher(request.getRequestURI().substring(request.getContextPath().length()))
          .forward(request, response);
    };
  }

  static AuthenticationEntryPoint api(ObjectMapper json) {
    return (request, response, failure) -> {
      if (failure instanceof LoginThrottledException throttled) {
        response.setHeader(HttpHeaders.RETRY_AFTER, String.valueOf(LoginThrottle.retryAfterSeconds(throttled.getWait())));
        problem(json, request, response, HttpStatus.TOO_MANY_REQUESTS, "too-many-attempts", throttled.getMessage());
      } else {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, CHALLENGE);
        problem(json, request, response, HttpStatus.UNAUTHORIZED, "unauthorized",
            "Authentication required: HTTP Basic with a Camunda user");
      }
    };
  }

  static AccessDeniedHandler apiDenied(ObjectMapper json) {
    return (request, response, denied) -> problem(json, request, response, HttpStatus.FORBIDDEN, "forbidden",
        denied instanceof CsrfException ? "X-CSRF-TOKEN: a request authenticated by the session needs the session's"
            + " CSRF token (or use HTTP Basic)" : "You may not do this");
  }

  static void problem(ObjectMapper json, HttpServletRequest request, HttpServletResponse response, HttpStatus status,
      String type, String detail) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
    problem.setType(URI.create(PROBLEM_BASE + type));
    problem.setTitle(status.getReasonPhrase());
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(status.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    json.writeValue(response.getOutputStream(), problem);
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

}
