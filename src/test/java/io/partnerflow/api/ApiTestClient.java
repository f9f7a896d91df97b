package io.partnerflow.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;

/** HTTP calls to the integration API with {@link HttpClient}, HTTP Basic or anonymous. */
final class ApiTestClient {

  static final ObjectMapper JSON = new ObjectMapper();

  private final String baseUrl;
  private final String authorization;
  private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  private ApiTestClient(int port, String authorization) {
    this.baseUrl = "http://localhost:" + port;
    this.authorization = authorization;
  }

  static ApiTestClient as(int port, String user, String password) {
    return new ApiTestClient(port, "Basic " + Base64.getEncoder()
        .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8)));
  }

  static ApiTestClient anonymous(int port) {
    return new ApiTestClient(port, null);
  }

  HttpResponse<String> get(String path) {
    return send(builder(path).GET().build());
  }

  HttpResponse<String> put(String path, String json) {
    return send(builder(path).header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(json))
        .build());
  }

  HttpResponse<String> post(String path, String idempotencyKey, String json) {
    return send(postRequest(path, idempotencyKey, json));
  }

  CompletableFuture<HttpResponse<String>> postAsync(String path, String idempotencyKey, String json) {
    return client.sendAsync(postRequest(path, idempotencyKey, json), HttpResponse.BodyHandlers.ofString());
  }

  private HttpRequest postRequest(String path, String idempotencyKey, String json) {
    HttpRequest.Builder builder = builder(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json));
    if (idempotencyKey != null) {
      builder.header("Idempotency-Key", idempotencyKey);
    }
    return builder.build();
  }

  private HttpRequest.Builder builder(String path) {
    HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60));
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    return builder;
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  static JsonNode json(HttpResponse<String> response) {
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new UncheckedIOException("Not JSON: " + response.body(), e);
    }
  }

  static String contentType(HttpResponse<String> response) {
    return response.headers().firstValue("Content-Type").orElse("");
  }
}
