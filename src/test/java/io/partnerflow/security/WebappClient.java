package io.partnerflow.security;

import java.io.IOException;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A cookie-keeping HTTP client that logs in to the Camunda webapps the way their AngularJS
 * frontend does: GET an app page (the CSRF filter puts a token in the session and returns it as
 * cookie XSRF-TOKEN and header X-XSRF-TOKEN), then POST the login form with header X-XSRF-TOKEN.
 */
final class WebappClient {

  /** What Chromium and Firefox send when a person opens a page. */
  static final String BROWSER_ACCEPT =
      "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8";
  private static final Pattern FORM_TOKEN = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  private final String baseUrl;
  private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
  private final HttpClient client;
  /** Same cookies, but shows each redirect instead of following it, as the browser tests need. */
  private final HttpClient browser;

  WebappClient(int port) {
    this.baseUrl = "http://localhost:" + port;
    this.client = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NORMAL)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
    this.browser = HttpClient.newBuilder()
        .cookieHandler(cookies)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** A GET as a browser sends it when a person opens the page; redirects are returned, not followed. */
  HttpResponse<String> navigate(String path) {
    return send(browser, HttpRequest.newBuilder(uri(path)).header("Accept", BROWSER_ACCEPT).GET());
  }

  /** A form POST as a browser sends it; redirects are returned, not followed. */
  HttpResponse<String> postForm(String path, Map<String, String> fields) {
    String form = fields.entrySet().stream().map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
    return send(browser, HttpRequest.newBuilder(uri(path))
        .header("Accept", BROWSER_ACCEPT)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** Our login page: opens it (for its form token) and submits the form. */
  HttpResponse<String> signIn(String next, String username, String password) {
    String page = navigate("/login" + (next == null ? "" : "?next=" + enc(next))).body();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", formToken(page));
    if (next != null) {
      form.put("next", next);
    }
    form.put("username", username);
    form.put("password", password);
    return postForm("/login", form);
  }

  /** The hidden {@code _csrf} value of a form on the page. */
  static String formToken(String page) {
    Matcher token = FORM_TOKEN.matcher(page);
    if (!token.find()) {
      throw new AssertionError("no _csrf field in the page: " + page);
    }
    return token.group(1);
  }

  /** The session cookie's value, null without one. */
  String sessionId() {
    return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("JSESSIONID"))
        .map(HttpCookie::getValue).findFirst().orElse(null);
  }

  /** POST /camunda/api/admin/auth/user/default/login/{app}; returns the response. */
  HttpResponse<String> login(String app, String username, String password) {
    send(HttpRequest.newBuilder(uri("/camunda/app/" + app + "/")).GET());
    String form = "username=" + enc(username) + "&password=" + enc(password);
    return send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("X-XSRF-TOKEN", csrfToken())
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** The login form posted without the CSRF header. */
  HttpResponse<String> loginWithoutCsrfToken(String app, String username, String password) {
    send(HttpRequest.newBuilder(uri("/camunda/app/" + app + "/")).GET());
    String form = "username=" + enc(username) + "&password=" + enc(password);
    return send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/login/" + app))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)));
  }

  /** POST /camunda/api/admin/auth/user/default/logout (a fresh CSRF token first: the login renewed the session). */
  HttpResponse<String> logout() {
    send(HttpRequest.newBuilder(uri("/camunda/app/tasklist/")).GET());
    return send(HttpRequest.newBuilder(uri("/camunda/api/admin/auth/user/default/logout"))
        .header("X-XSRF-TOKEN", csrfToken())
        .POST(HttpRequest.BodyPublishers.noBody()));
  }

  HttpResponse<String> get(String path) {
    return send(HttpRequest.newBuilder(uri(path)).GET());
  }

  HttpResponse<String> get(String path, String user, String password) {
    return send(HttpRequest.newBuilder(uri(path)).header("Authorization", basic(user, password)).GET());
  }

  HttpResponse<String> postJson(String path, String json, String user, String password) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (user != null) {
      builder.header("Authorization", basic(user, password));
    }
    return send(builder);
  }

  /** Any request, with Basic credentials unless user is null. */
  HttpResponse<String> request(String method, String path, String contentType, String body, String user,
      String password) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (user != null) {
      builder.header("Authorization", basic(user, password));
    }
    return send(builder);
  }

  /** {@link #request} with one more header. */
  HttpResponse<String> requestWithHeader(String method, String path, String contentType, String body, String user,
      String password, String header, String value) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).method(method,
        body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header(header, value);
    if (contentType != null) {
      builder.header("Content-Type", contentType);
    }
    if (user != null) {
      builder.header("Authorization", basic(user, password));
    }
    return send(builder);
  }

  String csrfToken() {
    return cookies.getCookieStore().getCookies().stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN"))
        .map(HttpCookie::getValue)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no XSRF-TOKEN cookie; cookies: " + cookies.getCookieStore().getCookies()));
  }

  static String basic(String user, String password) {
    return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  private URI uri(String path) {
    return URI.create(baseUrl + path);
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    return send(client, request);
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder request) {
    try {
      return client.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
