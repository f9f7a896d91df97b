package io.partnerflow.faults;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The operator in a browser on our own pages: signs in at {@code /login} (the page's form token,
 * then the form; the session cookie it gets back), opens a customer's page and presses "End
 * relationship" there (the page's {@code _csrf} field with the POST). The answer is a redirect to
 * the customer page, whose message names the started process instance. Cookies are kept by hand,
 * by name (one node, one host).
 */
final class CustomerPages {

  private static final Pattern CSRF = Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"");
  private static final Pattern FLASH = Pattern.compile("class=\"flash[^\"]*\"[^>]*><span>([^<]*)</span>");
  private static final Pattern STARTED = Pattern.compile("process instance ([0-9A-Za-z-]+)\\)");

  private final String baseUrl;
  private final String password;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5))
      .followRedirects(HttpClient.Redirect.NEVER).build();
  private final Map<String, String> cookies = new LinkedHashMap<>();

  CustomerPages(String nodeUrl, Operator.Credentials credentials) {
    this.baseUrl = nodeUrl;
    this.password = credentials.operator();
  }

  /** What pressing "End relationship" got: the POST's status, the page's message, the instance it names. */
  record Ending(int status, String message, String processInstanceId) {}

  /** Signs in as the operator (a fresh session: a restarted node forgot the old one). */
  void signIn() throws Exception {
    cookies.clear();
    HttpResponse<String> page = send(get("/login"));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", token(page, "/login"));
    form.put("username", "operator");
    form.put("password", password);
    HttpResponse<String> answer = send(post("/login", form));
    if (answer.statusCode() != 303) {
      throw new IllegalStateException("sign-in as operator: HTTP " + answer.statusCode() + " " + answer.body());
    }
  }

  /** Opens the customer page and presses "End relationship" with a reason; then reads the message. */
  Ending endRelationship(String customerId, String reason) throws Exception {
    String path = "/customers/" + customerId;
    HttpResponse<String> page = send(get(path));
    if (page.statusCode() == 302 || page.statusCode() == 303) {
      signIn();
      page = send(get(path));
    }
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", endFormToken(page, path));
    form.put("reason", reason);
    HttpResponse<String> answer = send(post(path + "/end-relationship", form));
    if (answer.statusCode() != 302) {
      return new Ending(answer.statusCode(), answer.body(), null);
    }
    // the browser follows the redirect and shows the message once
    HttpResponse<String> after = send(get(path));
    Matcher flash = FLASH.matcher(after.body());
    String message = flash.find() ? flash.group(1) : null;
    Matcher started = STARTED.matcher(message == null ? "" : message);
    return new Ending(answer.statusCode(), message, started.find() ? started.group(1) : null);
  }

  /** The token of the page's "End relationship" form (every form of the page carries the same one). */
  private static String endFormToken(HttpResponse<String> page, String path) {
    if (page.statusCode() != 200 || !page.body().contains("id=\"end-relationship\"")) {
      throw new IllegalStateException(path + " offers no End relationship: HTTP " + page.statusCode());
    }
    return token(page, path);
  }

  private static String token(HttpResponse<String> page, String path) {
    Matcher csrf = CSRF.matcher(page.body());
    if (page.statusCode() != 200 || !csrf.find()) {
      throw new IllegalStateException(path + " without a form token: HTTP " + page.statusCode());
    }
    return csrf.group(1).replace("&#45;", "-");
  }

  private HttpRequest.Builder get(String path) {
    return request(path).header("Accept", "text/html").GET();
  }

  private HttpRequest.Builder post(String path, Map<String, String> fields) {
    String body = fields.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return request(path).header("Accept", "text/html").header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(body));
  }

  private HttpRequest.Builder request(String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    if (!cookies.isEmpty()) {
      request.header("Cookie", cookies.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
          .collect(Collectors.joining("; ")));
    }
    return request;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
    HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    for (String cookie : response.headers().allValues("Set-Cookie")) {
      String pair = cookie.split(";", 2)[0];
      int eq = pair.indexOf('=');
      if (eq > 0) {
        String value = pair.substring(eq + 1);
        if (value.isEmpty() || cookie.toLowerCase().contains("max-age=0")) {
          cookies.remove(pair.substring(0, eq).strip());
        } else {
          cookies.put(pair.substring(0, eq).strip(), value);
        }
      }
    }
    return response;
  }
}
