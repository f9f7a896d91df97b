package io.partnerflow.partnercenter.fake;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.http.HttpHeaders;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * Microsoft's side for tests: Partner Center REST v1 ({@code /pc}), Graph ({@code /graph}) and Entra
 * ID's token endpoint ({@code /login}) on a real local port (WireMock), answering with the JSON shapes
 * of Microsoft's documentation and keeping state like the real services: customers, carts, orders,
 * subscriptions with ETags, relationships. It checks what a real service would refuse (a missing or
 * unknown bearer token, missing {@code MS-RequestId} / {@code MS-CorrelationId} /
 * {@code MS-Contract-Version}) and replays the stored answer when a request repeats its
 * {@code MS-RequestId}, as Partner Center does for idempotency.
 *
 * <p>Faults on demand: {@link #failNext} (429 with Retry-After, 500, 503), {@link #rejectNext} (a
 * business error) and {@link #answerLate} (does the work, then answers after the client gave up).
 * Every request is kept ({@link #requests}) so tests assert the exact calls.
 */
public final class FakeMicrosoft implements AutoCloseable {

  public static final String PARTNER_TENANT = "f1e2d3c4-0000-4000-8000-00000000aaaa";
  public static final String CLIENT_ID = "9d7e1c2b-1111-4111-8111-000000000001";
  public static final String CLIENT_SECRET = "fake-client-secret-never-logged";
  public static final String REFRESH_TOKEN = "fake-refresh-token-never-logged";
  private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

  public final ObjectMapper json = new ObjectMapper();
  /** Customers by tenant id (Partner Center's customer resource). */
  public final Map<String, ObjectNode> customers = new ConcurrentHashMap<>();
  /** Subscriptions by id, each with {@code _tenantId} and {@code _etag} kept beside Microsoft's fields. */
  public final Map<String, ObjectNode> subscriptions = new ConcurrentHashMap<>();
  /** Domains that belong to tenants that are not our customers (HEAD answers 200). */
  public final Set<String> foreignDomains = ConcurrentHashMap.newKeySet();
  /** Catalog items this fake's customers may not buy: checkout answers an order error for them. */
  public final Set<String> unavailableCatalogItems = ConcurrentHashMap.newKeySet();

  private final WireMockServer server;
  private final List<FakeArea> areas;
  private final List<FakeRequest> received = new CopyOnWriteArrayList<>();
  private final Map<String, FakeResponse> answeredByRequestId = new ConcurrentHashMap<>();
  private final Map<String, String> tokenAudiences = new ConcurrentHashMap<>();
  private final AtomicInteger tokensIssued = new AtomicInteger();
  private final List<Fault> faults = new CopyOnWriteArrayList<>();

  public FakeMicrosoft() {
    this.areas = List.of(new FakeRelationshipRequests(), new FakeAdminRelationships(), new FakeCustomers(), new FakeAgreements(), new FakeCarts(), new FakeSubscriptions());
    this.server = new WireMockServer(options().dynamicPort().extensions(new Transformer()));
    server.start();
    server.stubFor(any(anyUrl()).willReturn(aResponse().withTransformers(Transformer.NAME)));
  }

  /** The settings that point the product at this fake (api mode), as Spring properties. */
  public Map<String, String> properties() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("partnerflow.partner-center.mode", "api");
    p.put("partnerflow.partner-center.api.base-url", url("/pc"));
    p.put("partnerflow.partner-center.api.graph-base-url", url("/graph"));
    p.put("partnerflow.partner-center.api.authority-url", url("/login"));
    p.put("partnerflow.partner-center.api.tenant-id", PARTNER_TENANT);
    p.put("partnerflow.partner-center.api.client-id", CLIENT_ID);
    p.put("partnerflow.partner-center.api.client-secret", CLIENT_SECRET);
    p.put("partnerflow.partner-center.api.refresh-token", REFRESH_TOKEN);
    p.put("partnerflow.partner-center.api.read-timeout", "PT2S");
    return p;
  }

  public String url(String path) {
    return "http://localhost:" + server.port() + path;
  }

  // --- what tests look at ------------------------------------------------------------------------

  /** Requests received (token requests included), in order. */
  public List<FakeRequest> requests() {
    return List.copyOf(received);
  }

  /** Requests to the API with this method whose path matches the regex. */
  public List<FakeRequest> requests(String api, String method, String pathRegex) {
    Pattern p = Pattern.compile(pathRegex);
    return received.stream().filter(r -> r.api().equals(api) && r.method().equalsIgnoreCase(method)
        && p.matcher(r.path()).matches()).toList();
  }

  public int tokensIssued() {
    return tokensIssued.get();
  }

  public Optional<ObjectNode> customerByDomain(String domain) {
    return customers.values().stream()
        .filter(c -> domain.equalsIgnoreCase(c.path("companyProfile").path("domain").asText())).findFirst();
  }

  /** Forgets all state, requests and faults. */
  public void reset() {
    customers.clear();
    subscriptions.clear();
    foreignDomains.clear();
    unavailableCatalogItems.clear();
    received.clear();
    answeredByRequestId.clear();
    faults.clear();
    areas.forEach(FakeArea::reset);
  }

  // --- faults ------------------------------------------------------------------------------------

  private record Fault(String method, Pattern path, int times, AtomicInteger used, FakeResponse response,
      int lateMillis) {}

  /** The next {@code times} matching requests fail with this status (429 gets Retry-After seconds), doing nothing. */
  public void failNext(String method, String pathRegex, int times, int status, Integer retryAfterSeconds) {
    FakeResponse response = error(status, status == 429 ? "TooManyRequests" : "ServiceUnavailable",
        status == 429 ? "Rate limit is exceeded" : "The service is temporarily unavailable");
    if (retryAfterSeconds != null) {
      response = response.header("Retry-After", String.valueOf(retryAfterSeconds));
    }
    faults.add(new Fault(method, Pattern.compile(pathRegex), times, new AtomicInteger(), response, 0));
  }

  /** The next matching request is refused for a business reason (Partner Center's error shape). */
  public void rejectNext(String method, String pathRegex, int status, String code, String description) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), 1, new AtomicInteger(), error(status, code, description), 0));
  }

  /** The next {@code times} matching requests are carried out, but answered only after {@code millis}. */
  public void answerLate(String method, String pathRegex, int times, int millis) {
    faults.add(new Fault(method, Pattern.compile(pathRegex), times, new AtomicInteger(), null, millis));
  }

  /** Partner Center's error body: {@code {"code", "description", "errorName"}}. */
  public FakeResponse error(int status, String code, String description) {
    ObjectNode body = json.createObjectNode();
    try {
      body.put("code", Integer.parseInt(code));
    } catch (NumberFormatException notNumeric) {
      body.put("code", code);
    }
    body.put("description", description);
    body.put("errorName", code);
    body.putObject("attributes").put("objectType", "Error");
    return FakeResponse.of(status, body);
  }

  /** Graph's error body: {@code {"error": {"code", "message"}}}. */
  public FakeResponse graphError(int status, String code, String message) {
    ObjectNode body = json.createObjectNode();
    body.putObject("error").put("code", code).put("message", message);
    return FakeResponse.of(status, body);
  }

  public static String newGuid() {
    return UUID.randomUUID().toString();
  }

  @Override
  public void close() {
    server.stop();
  }

  // --- the dispatcher ----------------------------------------------------------------------------

  private FakeResponse answer(FakeRequest request) {
    if (request.api().equals("login")) {
      return token(request);
    }
    Optional<FakeResponse> refused = checkHeaders(request);
    if (refused.isPresent()) {
      return refused.get();
    }
    boolean changes = !request.method().equals("GET") && !request.method().equals("HEAD");
    String replayKey = request.method() + " " + request.path() + " " + request.requestId();
    if (changes && request.requestId() != null && answeredByRequestId.containsKey(replayKey)) {
      return answeredByRequestId.get(replayKey);
    }
    for (FakeArea area : areas) {
      Optional<FakeResponse> response = area.handle(request, this);
      if (response.isPresent()) {
        if (changes && response.get().status() < 300) {
          answeredByRequestId.put(replayKey, response.get());
        }
        return response.get();
      }
    }
    return request.api().equals("graph") ? graphError(404, "UnknownResource", "No such resource: " + request.path())
        : error(404, "NotFound", "No such resource: " + request.method() + " " + request.path());
  }

  private Optional<FakeResponse> checkHeaders(FakeRequest request) {
    String auth = request.header("Authorization");
    String audience = auth == null || !auth.startsWith("Bearer ") ? null : tokenAudiences.get(auth.substring(7));
    String wanted = request.api().equals("graph") ? "graph" : "partner-center";
    if (audience == null || !audience.equals(wanted)) {
      return Optional.of(FakeResponse.of(401, json.createObjectNode().put("code", 401)
          .put("description", "Missing, unknown or wrong-audience bearer token")));
    }
    if (request.api().equals("pc")) {
      for (String h : List.of("MS-RequestId", "MS-CorrelationId")) {
        if (request.header(h) == null || !GUID.matcher(request.header(h)).matches()) {
          return Optional.of(error(400, "400", h + " must be a GUID"));
        }
      }
      if (!"v1".equals(request.header("MS-Contract-Version"))) {
        return Optional.of(error(400, "400", "MS-Contract-Version must be v1"));
      }
    }
    return Optional.empty();
  }

  /** Entra ID's v2.0 token endpoint for the refresh-token grant (the consent's refresh token). */
  private FakeResponse token(FakeRequest request) {
    Map<String, String> form = request.query();
    if (!request.path().equals("/" + PARTNER_TENANT + "/oauth2/v2.0/token") || !"refresh_token".equals(form.get("grant_type"))
        || !CLIENT_ID.equals(form.get("client_id")) || !CLIENT_SECRET.equals(form.get("client_secret"))
        || form.get("refresh_token") == null || !form.get("refresh_token").startsWith("fake-refresh-token")) {
      ObjectNode body = json.createObjectNode().put("error", "invalid_grant")
          .put("error_description", "AADSTS70000: the grant is invalid for this client and tenant");
      return FakeResponse.of(400, body);
    }
    String scope = form.getOrDefault("scope", "");
    String audience = scope.startsWith("https://graph.microsoft.com/") ? "graph"
        : scope.startsWith("https://api.partnercenter.microsoft.com/") ? "partner-center" : null;
    if (audience == null) {
      return FakeResponse.of(400, json.createObjectNode().put("error", "invalid_scope")
          .put("error_description", "AADSTS70011: unknown scope " + scope));
    }
    String token = "fake-access-" + audience + "-" + tokensIssued.incrementAndGet();
    tokenAudiences.put(token, audience);
    ObjectNode body = json.createObjectNode().put("token_type", "Bearer").put("scope", scope)
        .put("expires_in", 3599).put("access_token", token)
        .put("refresh_token", "fake-refresh-token-rotated-" + tokensIssued.get());
    return FakeResponse.of(200, body);
  }

  private final class Transformer implements ResponseDefinitionTransformerV2 {
    static final String NAME = "fake-microsoft";

    @Override
    public String getName() {
      return NAME;
    }

    @Override
    public boolean applyGlobally() {
      return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent event) {
      FakeRequest request = toFakeRequest(event.getRequest());
      received.add(request);
      int late = 0;
      FakeResponse response = null;
      for (Fault fault : faults) {
        if (fault.method().equalsIgnoreCase(request.method()) && fault.path().matcher(request.path()).matches()
            && !request.api().equals("login") && fault.used().get() < fault.times()) {
          fault.used().incrementAndGet();
          if (fault.response() != null) {
            response = fault.response();
          } else {
            late = fault.lateMillis();
          }
          break;
        }
      }
      if (response == null) {
        response = answer(request);
      }
      List<HttpHeader> headers = new ArrayList<>();
      response.headers().forEach((k, v) -> headers.add(new HttpHeader(k, v)));
      if (response.body() != null) {
        headers.add(new HttpHeader("Content-Type", "application/json; charset=utf-8"));
      }
      var builder = com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder.responseDefinition()
          .withStatus(response.status()).withHeaders(new HttpHeaders(headers));
      if (response.body() != null && !request.method().equals("HEAD")) {
        builder = builder.withBody(response.body().toString());
      }
      if (late > 0) {
        builder = builder.withFixedDelay(late);
      }
      return builder.build();
    }
  }

  private FakeRequest toFakeRequest(com.github.tomakehurst.wiremock.http.Request r) {
    String url = r.getUrl();
    String pathAndQuery = url;
    String api = "other";
    for (String prefix : List.of("pc", "graph", "login")) {
      if (url.startsWith("/" + prefix + "/")) {
        api = prefix;
        pathAndQuery = url.substring(prefix.length() + 1);
        break;
      }
    }
    String path = pathAndQuery.contains("?") ? pathAndQuery.substring(0, pathAndQuery.indexOf('?')) : pathAndQuery;
    Map<String, String> query = new LinkedHashMap<>();
    if (pathAndQuery.contains("?")) {
      parseForm(pathAndQuery.substring(pathAndQuery.indexOf('?') + 1), query);
    }
    Map<String, String> headers = new LinkedHashMap<>();
    for (HttpHeader h : r.getHeaders().all()) {
      headers.put(h.key().toLowerCase(), h.firstValue());
    }
    String raw = r.getBodyAsString();
    JsonNode body = null;
    if (api.equals("login")) {
      parseForm(raw, query);
    } else if (raw != null && !raw.isBlank()) {
      try {
        body = json.readTree(raw);
      } catch (Exception notJson) {
        body = null;
      }
    }
    return new FakeRequest(api, r.getMethod().getName(), URLDecoder.decode(path, StandardCharsets.UTF_8),
        Collections.unmodifiableMap(query), headers, raw, body);
  }

  private static void parseForm(String form, Map<String, String> into) {
    if (form == null || form.isBlank()) {
      return;
    }
    for (String pair : form.split("&")) {
      int eq = pair.indexOf('=');
      String key = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      into.put(key, value);
    }
  }
}
