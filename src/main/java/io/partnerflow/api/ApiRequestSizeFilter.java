package io.partnerflow.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.web.ReplayableBody;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Bounds what a client may send to /api: a body above {@value #MAX_BODY_BYTES} bytes is refused
 * with 413 (a problem) before anything reads it. A declared length is checked at once; a chunked
 * body is read up to the bound and then replayed.
 */
public class ApiRequestSizeFilter extends OncePerRequestFilter {

  /** Our largest request (an onboarding with its lines) is a few KiB. */
  public static final int MAX_BODY_BYTES = 64 * 1024;
  static final URI TOO_LARGE = URI.create(ApiProblemHandler.PROBLEM_BASE + "payload-too-large");

  private final ObjectMapper json;

  public ApiRequestSizeFilter(ObjectMapper json) {
    this.json = json;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    long declared = request.getContentLengthLong();
    if (declared > MAX_BODY_BYTES) {
      tooLarge(request, response);
      return;
    }
    if (declared < 0 && request.getHeader("Transfer-Encoding") != null) {
      byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
      if (body.length > MAX_BODY_BYTES) {
        tooLarge(request, response);
        return;
      }
      chain.doFilter(new ReplayableBody(request, body), response);
      return;
    }
    chain.doFilter(request, response);
  }

  private void tooLarge(HttpServletRequest request, HttpServletResponse response) throws IOException {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE,
        "The request body may have at most " + MAX_BODY_BYTES + " bytes");
    problem.setType(TOO_LARGE);
    problem.setTitle("Request too large");
    problem.setInstance(URI.create(request.getRequestURI()));
    response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    // the rest of the body is not wanted: close the connection rather than read it
    response.setHeader("Connection", "close");
    json.writeValue(response.getOutputStream(), problem);
  }
}
