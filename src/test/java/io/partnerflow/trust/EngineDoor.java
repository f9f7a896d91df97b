package io.partnerflow.trust;

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
import java.util.HashMap;
import java.util.Map;

/**
 * The two doors to the engine's REST API an attacker with a user's password can use: /engine-rest
 * with HTTP Basic, and the webapps' /camunda/api/engine with a Tasklist or Cockpit session and its
 * CSRF token (exactly what Tasklist's own pages call).
 */
enum EngineDoor {
  ENGINE_REST("/engine-rest"),
  WEBAPP_API("/camunda/api/engine/engine/default");

  final String prefix;

  EngineDoor(String prefix) {
    this.prefix = prefix;
  }

  /** A signed-in user at one door of one running product. */
  static final class Client {
    private final String baseUrl;
    private final EngineDoor door;
    private final String user;
    private final String password;
    private final CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    private final HttpClient http;

    Client(int port, EngineDoor door, String user, String password) {
      this.baseUrl = "http://localhost:" + port;
      this.door = door;
      this.user = user;
      this.password = password;
      this.http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(Duration.ofSeconds(10)).build();
      if (door == WEBAPP_API) {
        String app = user.startsWith("manager") ? "cockpit" : "tasklist";
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/" + app + "/")).GET());
        HttpResponse<String> login = send(HttpRequest.newBuilder(
                URI.create(baseUrl + "/camunda/api/admin/auth/user/default/login/" + app))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .header("X-XSRF-TOKEN", csrfToken())
            .POST(HttpRequest.BodyPublishers.ofString("username=" + enc(user) + "&password=" + enc(password))));
        if (login.statusCode() != 200) {
          throw new AssertionError("login of " + user + " to " + app + ": " + login.statusCode() + " " + login.body());
        }
        // the login renewed the session: its CSRF token comes with the next page
        send(HttpRequest.newBuilder(URI.create(baseUrl + "/camunda/app/" + app + "/")).GET());
      }
    }

    /** A path of the engine REST API (e.g. "/task"), through this client's door. */
    HttpResponse<String> get(String path) {
      return send(request(door.prefix + path).GET());
    }

    HttpResponse<String> post(String path, String json) {
      return send(request(door.prefix + path).POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> put(String path, String json) {
      return send(request(door.prefix + path).PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    HttpResponse<String> delete(String path) {
      return send(request(door.prefix + path).DELETE());
    }

    /** Any path of the product, with this client's credentials (e.g. the Cockpit plugin API). */
    HttpResponse<String> getRaw(String path) {
      return send(request(path).GET());
    }

    private HttpRequest.Builder request(String path) {
      HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path))
          .header("Content-Type", "application/json").header("Accept", "application/json");
      if (door == ENGINE_REST) {
        builder.header("Authorization", "Basic " + Base64.getEncoder()
            .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
      } else {
        builder.header("X-XSRF-TOKEN", csrfToken());
      }
      return builder;
    }

    private String csrfToken() {
      return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
          .map(HttpCookie::getValue).findFirst().orElse("");
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
      try {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static String enc(String value) {
      return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
  }

  /** One client per user and door, signed in once. */
  static final class Clients {
    private final int port;
    private final Map<String, Client> clients = new HashMap<>();

    Clients(int port) {
      this.port = port;
    }

    Client as(EngineDoor door, String user) {
      return clients.computeIfAbsent(door + "/" + user, key -> new Client(port, door, user, user));
    }
  }
}
