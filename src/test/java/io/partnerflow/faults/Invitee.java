package io.partnerflow.faults;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
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
 * Both sides of an invitation to connect over the product's HTTP interface, as in
 * e2e.InvitationEndToEndTest: the operator's integration API ({@code POST /api/invitations}, HTTP
 * Basic, an {@code Idempotency-Key}), and the customer's public page behind the mail's link
 * ({@code /invitation/<token>}: a form with the session's CSRF token; 200 = the answer recorded,
 * 409 = already answered, 404 = unknown or revoked link).
 */
final class Invitee {

  /** The link in the invitation mail ({@code <public-base-url>/invitation/<token>}). */
  static final Pattern LINK = Pattern.compile("https?://[^\\s\"<>]+/invitation/([A-Za-z0-9_-]{43})");
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern CSRF =
      Pattern.compile("<input[^>]*name=\"_csrf\"[^>]*value=\"([^\"]*)\"");

  private final String baseUrl;
  private final String operatorAuth;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Invitee(String nodeUrl, Operator.Credentials credentials) {
    this.baseUrl = nodeUrl;
    this.operatorAuth = Operator.basic("operator", credentials.operator());
  }

  static String adminEmail(String domainPrefix) {
    return "admin@" + domainPrefix + ".example";
  }

  /** The answer to {@code POST /api/invitations}. */
  record Started(int status, String processInstanceId, String body) {}

  /** Invites a tenant we do not know yet (as the e2e test does); 201 = started. */
  Started invite(String domainPrefix) throws Exception {
    ObjectNode body = JSON.createObjectNode();
    body.put("companyName", "Fault Suite " + domainPrefix + " S.A.");
    body.put("domainPrefix", domainPrefix);
    body.put("adminEmail", adminEmail(domainPrefix));
    body.put("adminFirstName", "Lucía");
    body.put("adminLastName", "García");
    body.put("culture", "es-ES");
    body.put("language", "es");
    body.put("includeDelegatedAdmin", false);
    body.put("personalMessage", "Hola, nos gustaría ser su revendedor.");
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/invitations"))
        .timeout(Duration.ofSeconds(60)).header("Authorization", operatorAuth)
        .header("Idempotency-Key", "faults-" + domainPrefix)
        .header("Content-Type", "application/json").header("Accept", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build(), HttpResponse.BodyHandlers.ofString());
    String pi = null;
    if (response.statusCode() / 100 == 2) {
      pi = JSON.readTree(response.body()).path("processInstanceId").asText(null);
    }
    return new Started(response.statusCode(), pi, response.body());
  }

  /** What the page behind a link answers now (200 = open for an answer, 409 = answered). */
  int pageStatus(String token) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/invitation/" + token))
        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.discarding()).statusCode();
  }

  /**
   * Opens the link and accepts as the customer's admin (name, global admin, the agreement), in the
   * page's session with its CSRF token. Returns the status of the submit (200 = recorded), or of
   * the page when it offered no form.
   */
  int accept(String token) throws Exception {
    HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/invitation/" + token))
        .timeout(Duration.ofSeconds(60)).GET().build(), HttpResponse.BodyHandlers.ofString());
    Matcher csrf = CSRF.matcher(page.body());
    if (page.statusCode() != 200 || !csrf.find()) {
      return page.statusCode();
    }
    String session = page.headers().allValues("Set-Cookie").stream()
        .filter(cookie -> cookie.startsWith("JSESSIONID=")).map(cookie -> cookie.substring(0, cookie.indexOf(';')))
        .findFirst().orElseThrow(() -> new IllegalStateException("invitation page without a session cookie"));
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", csrf.group(1));
    form.put("adminName", "Lucía García");
    form.put("globalAdmin", "true");
    form.put("agreementAccepted", "true");
    form.put("action", "accept");
    String encoded = form.entrySet().stream()
        .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
            + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
    return http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/invitation/" + token))
        .timeout(Duration.ofSeconds(60)).header("Cookie", session)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(encoded)).build(), HttpResponse.BodyHandlers.discarding())
        .statusCode();
  }

  /** The link token in a stored invitation mail, or null. */
  static String token(MimeMessage mail) {
    try {
      Object content = mail.getContent();
      StringBuilder text = new StringBuilder();
      if (content instanceof MimeMultipart multipart) {
        for (int i = 0; i < multipart.getCount(); i++) {
          text.append(multipart.getBodyPart(i).getContent()).append('\n');
        }
      } else {
        text.append(content);
      }
      Matcher link = LINK.matcher(text);
      return link.find() ? link.group(1) : null;
    } catch (Exception e) {
      return null;
    }
  }
}
