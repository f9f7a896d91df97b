package io.partnerflow.partnercenter;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import io.partnerflow.partnercenter.EntraTokens.Audience;
import io.partnerflow.provisioning.PartnerCenterCall;
import io.partnerflow.provisioning.PartnerCenterRejectedException;
import io.partnerflow.provisioning.PartnerCenterThrottledException;
import io.partnerflow.provisioning.PartnerCenterTimeoutException;
import io.partnerflow.provisioning.PartnerCenterUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * One HTTP exchange with Partner Center or Graph, the way Microsoft asks for it: a bearer token, JSON,
 * {@code MS-RequestId} (the same on every retry of one logical call: Partner Center then does it once),
 * {@code MS-CorrelationId} (one per process instance) and {@code MS-Contract-Version}. The answer is
 * sorted here into what the caller can do about it:
 * <ul>
 *   <li>2xx (and 404 where the caller asks for it): the {@link Answer};
 *   <li>429: {@link PartnerCenterThrottledException} with the {@code Retry-After} Microsoft asked for;
 *   <li>5xx, 401, 403, 408: {@link PartnerCenterUnavailableException} (retried with back-off, then an incident);
 *   <li>412 Precondition Failed (a stale {@code If-Match} ETag: the resource changed since it was read):
 *       {@link PartnerCenterUnavailableException} too, as nothing was done and the retry reads again;
 *   <li>no answer in time: {@link PartnerCenterTimeoutException} (the retry's request id finds out);
 *   <li>any other 4xx: {@link PartnerCenterRejectedException} with Microsoft's code and description.
 * </ul>
 * Logs method, path, status and ids; never a token, a body or a password.
 */
public class PartnerCenterHttp {

  /** Used when a 429 names no wait: Partner Center's documentation asks for a back-off, not a figure. */
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(30);

  private static final Logger LOG = LoggerFactory.getLogger(PartnerCenterHttp.class);

  private final RestClient http;
  private final EntraTokens tokens;
  private final PartnerCenterApiProperties settings;
  private final ObjectMapper json;
  private final Clock clock;

  public PartnerCenterHttp(PartnerCenterApiProperties settings, EntraTokens tokens, ObjectMapper json, Clock clock) {
    this.http = RestClient.builder().requestFactory(settings.requestFactory()).build();
    this.tokens = tokens;
    this.settings = settings;
    this.json = json;
    this.clock = clock;
  }

  /** A request to Partner Center ({@code baseUrl}) or Graph ({@code graphBaseUrl}). */
  public record Request(Audience audience, HttpMethod method, String path, Object body, String ifMatch,
      boolean notFoundAnswers) {

    public static Request partnerCenter(HttpMethod method, String path) {
      return new Request(Audience.PARTNER_CENTER, method, path, null, null, false);
    }

    public static Request graph(HttpMethod method, String path) {
      return new Request(Audience.GRAPH, method, path, null, null, false);
    }

    public Request body(Object value) {
      return new Request(audience, method, path, value, ifMatch, notFoundAnswers);
    }

    public Request ifMatch(String etag) {
      return new Request(audience, method, path, body, etag, notFoundAnswers);
    }

    /** A 404 is an answer (e.g. "domain free"), not a rejection. */
    public Request acceptingNotFound() {
      return new Request(audience, method, path, body, ifMatch, true);
    }
  }

  /** What Microsoft answered: status, ETag and the JSON body (missing when there was none). */
  public record Answer(int status, Optional<String> etag, Optional<String> location, JsonNode body) {}

  public Answer exchange(PartnerCenterCall call, Request request) {
    URI uri = URI.create((request.audience() == Audience.GRAPH ? settings.graphBaseUrl() : settings.baseUrl())
        .toString().replaceAll("/+$", "") + request.path());
    String token = tokens.accessToken(request.audience());
    RestClient.RequestBodySpec spec = http.method(request.method()).uri(uri)
        .header(HttpHeaders.AUTHORIZATION, "Bearer " + token)
        .header("MS-RequestId", call.requestId().toString())
        .header("MS-CorrelationId", call.correlationId().toString())
        .accept(MediaType.APPLICATION_JSON);
    if (request.audience() == Audience.PARTNER_CENTER) {
      spec = spec.header("MS-Contract-Version", settings.contractVersion());
    }
    if (request.ifMatch() != null) {
      spec = spec.header(HttpHeaders.IF_MATCH, request.ifMatch());
    }
    if (request.body() != null) {
      spec = spec.contentType(MediaType.APPLICATION_JSON).body(request.body());
    }
    long started = System.nanoTime();
    try {
      Raw raw = spec.exchange((req, res) -> {
        int status = res.getStatusCode().value();
        byte[] bytes = res.getBody().readAllBytes();
        JsonNode body = bytes.length == 0 ? MissingNode.getInstance() : readJson(bytes);
        return new Raw(new Answer(status, Optional.ofNullable(res.getHeaders().getETag()),
            Optional.ofNullable(res.getHeaders().getFirst(HttpHeaders.LOCATION)), body),
            res.getHeaders().getFirst(HttpHeaders.RETRY_AFTER));
      }, true);
      Answer answer = raw.answer();
      LOG.info("Partner Center {} {} -> {} in {} ms (MS-RequestId {}, MS-CorrelationId {})", request.method(),
          request.path(), answer.status(), (System.nanoTime() - started) / 1_000_000, call.requestId(),
          call.correlationId());
      return sorted(request, answer, raw.retryAfter());
    } catch (ResourceAccessException e) {
      if (isTimeout(e)) {
        throw new PartnerCenterTimeoutException("Partner Center did not answer " + request.method() + " "
            + request.path() + " within " + settings.readTimeout() + " (MS-RequestId " + call.requestId()
            + "): the retry sends the same request id");
      }
      throw new PartnerCenterUnavailableException(0, "Partner Center unreachable for " + request.method() + " "
          + request.path() + ": " + e.getMostSpecificCause().getMessage());
    }
  }

  private record Raw(Answer answer, String retryAfter) {}

  private Answer sorted(Request request, Answer answer, String retryAfterHeader) {
    int status = answer.status();
    if (status >= 200 && status < 300 || status == 404 && request.notFoundAnswers()) {
      return answer;
    }
    String what = request.method() + " " + request.path();
    if (status == 429) {
      Duration wait = retryAfter(retryAfterHeader);
      throw new PartnerCenterThrottledException(wait, "Partner Center throttled " + what + ": 429 Too Many Requests;"
          + " retry after " + wait);
    }
    // 412: the ETag we sent is stale; the retry re-reads the resource and sends the current one
    if (status >= 500 || status == 401 || status == 403 || status == 408 || status == 412) {
      throw new PartnerCenterUnavailableException(status, "Partner Center answered " + what + " with " + status
          + errorText(answer.body()).map(t -> ": " + t).orElse(""));
    }
    throw new PartnerCenterRejectedException(status, errorCode(answer.body()).orElse(null),
        errorText(answer.body()).orElse("HTTP " + status));
  }

  private JsonNode readJson(byte[] bytes) throws IOException {
    try {
      return json.readTree(bytes);
    } catch (IOException notJson) {
      return MissingNode.getInstance();
    }
  }

  /** Partner Center's {@code {"code", "description"}} or Graph's {@code {"error": {"code", "message"}}}. */
  static Optional<String> errorCode(JsonNode body) {
    JsonNode code = body.path("error").isObject() ? body.path("error").path("code") : body.path("code");
    return code.isMissingNode() || code.isNull() ? Optional.empty() : Optional.of(code.asText());
  }

  static Optional<String> errorText(JsonNode body) {
    JsonNode text = body.path("error").isObject() ? body.path("error").path("message") : body.path("description");
    return text.isMissingNode() || text.isNull() || text.asText().isBlank() ? Optional.empty()
        : Optional.of(text.asText());
  }

  /** {@code Retry-After}: seconds or an HTTP date; a default when absent or unreadable. */
  Duration retryAfter(String header) {
    if (header == null || header.isBlank()) {
      return DEFAULT_RETRY_AFTER;
    }
    try {
      return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
    } catch (NumberFormatException notSeconds) {
      try {
        Duration wait = Duration.between(clock.instant(),
            ZonedDateTime.parse(header.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
        return wait.isNegative() ? Duration.ofSeconds(1) : wait;
      } catch (DateTimeParseException neither) {
        return DEFAULT_RETRY_AFTER;
      }
    }
  }

  private static boolean isTimeout(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof HttpTimeoutException || t instanceof java.net.SocketTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
