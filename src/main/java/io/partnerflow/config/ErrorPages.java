package io.partnerflow.config;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.Map;
import org.springframework.boot.web.servlet.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.util.HtmlUtils;

/**
 * What an error nobody else answered looks like (Boot's whitelabel page and JSON replaced): an
 * unknown path, a wrong method or media type, an error outside any controller. Under /api a problem
 * ({@code application/problem+json}, as {@code api.ApiProblemHandler} answers); elsewhere a plain
 * page that says what happened in one sentence. Never an exception, a stack trace or a class name.
 */
@Controller
public class ErrorPages implements ErrorController {

  static final String PROBLEM_BASE = "https://partnerflow.io/problems/";

  private static final Map<Integer, String> SENTENCES = Map.of(
      400, "The request could not be read.",
      401, "Sign in first.",
      403, "You may not do this.",
      404, "There is nothing at this address.",
      405, "This address does not take this method.",
      413, "The request is too large.",
      415, "This address does not take this content type.",
      406, "This address cannot answer in the format asked for.");

  @RequestMapping("${server.error.path:${error.path:/error}}")
  public ResponseEntity<?> error(HttpServletRequest request) {
    HttpStatus status = status(request);
    String sentence = SENTENCES.getOrDefault(status.value(),
        status.is5xxServerError() ? "Something went wrong on our side; it was logged." : status.getReasonPhrase() + ".");
    Object uri = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    String path = uri instanceof String s ? s : "";
    if (path.startsWith(request.getContextPath() + "/api/") || path.equals(request.getContextPath() + "/api")) {
      ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, sentence);
      problem.setType(URI.create(PROBLEM_BASE + slug(status)));
      problem.setTitle(status.getReasonPhrase());
      try {
        problem.setInstance(URI.create(path));
      } catch (IllegalArgumentException e) {
        // a path that is no URI stays out of the answer
      }
      return ResponseEntity.status(status).contentType(MediaType.APPLICATION_PROBLEM_JSON).body(problem);
    }
    String html = "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>" + status.value() + " "
        + HtmlUtils.htmlEscape(status.getReasonPhrase()) + " · partnerflow</title></head><body><h1>"
        + HtmlUtils.htmlEscape(status.getReasonPhrase()) + "</h1><p>" + HtmlUtils.htmlEscape(sentence)
        + "</p><p><a href=\"/\">Start page</a></p></body></html>\n";
    return ResponseEntity.status(status).contentType(new MediaType(MediaType.TEXT_HTML, java.nio.charset.StandardCharsets.UTF_8))
        .body(html);
  }

  private static HttpStatus status(HttpServletRequest request) {
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer i ? HttpStatus.resolve(i) : null;
    return status == null || !status.isError() ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }

  private static String slug(HttpStatus status) {
    return status.getReasonPhrase().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z]+", "-");
  }
}
