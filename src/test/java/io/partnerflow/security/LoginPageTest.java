package io.partnerflow.security;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/** Browsers without a session go to our login page, which logs in to our pages and the Camunda webapps at once. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LoginPageTest {

  private static final String CAMUNDA_CURRENT_USER = "/camunda/api/admin/auth/user/default";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identityService;

  WebappClient http;

  @BeforeEach
  void newClient() {
    http = new WebappClient(port);
  }

  @Test
  void aBrowserOpeningOurPagesWithoutSessionIsSentToTheLoginPage() {
    for (String page : List.of("/mailbox/3", "/customers?q=fab", "/swagger-ui.html")) {
      HttpResponse<String> response = http.navigate(page);
      assertThat(response.statusCode()).as(page).isEqualTo(302);
      assertThat(location(response)).as(page).isEqualTo("/login?next=" + URLEncoder.encode(page, UTF_8));
      assertThat(response.headers().firstValue("WWW-Authenticate")).as(page).isEmpty();
    }

    HttpResponse<String> login = http.navigate(location(http.navigate("/mailbox/3")));
    assertThat(login.statusCode()).isEqualTo(200);
    assertThat(login.body()).contains("<title>Sign in · partnerflow</title>", "name=\"next\" value=\"/mailbox/3\"",
        "type=\"password\"", "name=\"_csrf\"");
  }

  @Test
  void theApiAndClientsThatAreNoBrowserKeepTheBasicChallenge() {
    for (HttpResponse<String> response : List.of(http.navigate("/api/customers"), http.navigate("/v3/api-docs"),
        http.get("/mailbox"), http.get("/customers"), http.get("/swagger-ui.html"))) {
      assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Basic realm=\"partnerflow\"");
    }
  }

  @Test
  void signingInLogsInToOurPagesAndTheCamundaWebappsUnderANewSessionId() {
    http.navigate("/login?next=%2Fmailbox");
    String sessionBeforeLogin = http.sessionId();
    assertThat(sessionBeforeLogin).as("the form token's session").isNotNull();

    HttpResponse<String> signedIn = http.signIn("/mailbox", "operator", "operator");

    assertThat(signedIn.statusCode()).isEqualTo(303);
    assertThat(location(signedIn)).isEqualTo("/mailbox");
    assertThat(http.sessionId()).as("session fixation").isNotNull().isNotEqualTo(sessionBeforeLogin);
    assertThat(signedIn.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly")
            .containsIgnoringCase("SameSite=Lax")); // as Tasklist's own session cookie
    HttpResponse<String> mailbox = http.navigate("/mailbox");
    assertThat(mailbox.statusCode()).isEqualTo(200);
    assertThat(mailbox.body()).contains("<h1>Mailbox</h1>");
    HttpResponse<String> camundaUser = http.get(CAMUNDA_CURRENT_USER);
    assertThat(camundaUser.statusCode()).isEqualTo(200);
    assertThat(camundaUser.body()).contains("\"userId\":\"operator\"", "\"tasklist\"");
    assertThat(http.navigate("/customers").body()).contains("Signed in as <strong>operator</strong>",
        "id=\"sign-out\"");
  }

  @Test
  void aLoginPageOpenedWhileLoggedInGoesStraightOn() {
    assertThat(http.login("tasklist", "operator", "operator").statusCode()).isEqualTo(200);

    HttpResponse<String> login = http.navigate("/login?next=%2Fcustomers");

    assertThat(login.statusCode()).isEqualTo(303);
    assertThat(location(login)).isEqualTo("/customers");
  }

  @Test
  void signingOutEndsTheCamundaSessionToo() {
    http.signIn(null, "manager", "manager");
    assertThat(http.get(CAMUNDA_CURRENT_USER).statusCode()).isEqualTo(200);
    HttpResponse<String> confirm = http.navigate("/logout");
    assertThat(confirm.statusCode()).isEqualTo(200);
    assertThat(confirm.body()).contains("Signed in as <strong>manager</strong>");

    HttpResponse<String> signedOut = http.postForm("/logout", Map.of("_csrf", WebappClient.formToken(confirm.body())));

    assertThat(signedOut.statusCode()).isEqualTo(303);
    assertThat(location(signedOut)).isEqualTo("/login?signedOut");
    assertThat(http.navigate(location(signedOut)).body()).contains(LoginController.SIGNED_OUT_NOTICE);
    assertThat(http.navigate("/mailbox").statusCode()).isEqualTo(302);
    assertThat(http.get(CAMUNDA_CURRENT_USER).statusCode()).isNotEqualTo(200);
  }

  @Test
  void signingOutOfTasklistSignsOutOfOurPagesToo() {
    http.signIn(null, "operator", "operator");
    assertThat(http.navigate("/mailbox").statusCode()).isEqualTo(200);

    assertThat(http.logout().statusCode()).isEqualTo(200);

    assertThat(http.navigate("/mailbox").statusCode()).isEqualTo(302);
  }

  @Test
  void aWrongPasswordShowsTheFormAgainWithoutSayingWhetherTheUserExists() {
    HttpResponse<String> wrongPassword = http.signIn("/mailbox", "manager", "not-the-password");
    HttpResponse<String> unknownUser = new WebappClient(port).signIn("/mailbox", "nobody-at-all", "x");

    for (HttpResponse<String> response : List.of(wrongPassword, unknownUser)) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).as("no browser prompt").isEmpty();
      assertThat(response.body()).contains(LoginController.WRONG_CREDENTIALS, "name=\"next\" value=\"/mailbox\"");
    }
    assertThat(message(wrongPassword)).isEqualTo(message(unknownUser));
    assertThat(http.navigate("/mailbox").statusCode()).isEqualTo(302);
  }

  @Test
  void failedSignInsSlowTheirSourceWithAPlainMessageButLockNobody() {
    User user = identityService.newUser("throttlelogintest");
    user.setPassword("right-password");
    identityService.saveUser(user);
    try {
      List<Integer> statuses = new java.util.ArrayList<>();
      for (int i = 0; i < 15; i++) {
        statuses.add(new WebappClient(port).signIn(null, "throttlelogintest", "wrong").statusCode());
      }
      assertThat(statuses.subList(0, 5)).as("the free failures").containsOnly(401);
      assertThat(statuses.subList(5, 15)).as("then this source waits").containsOnly(429);

      HttpResponse<String> waiting = http.signIn(null, "throttlelogintest", "right-password");
      assertThat(waiting.statusCode()).as("the right password from the same source waits too").isEqualTo(429);
      assertThat(waiting.headers().firstValue("Retry-After")).isPresent();
      assertThat(waiting.body()).contains("Too many failed sign-ins for this user from your address: wait");

      assertThat(identityService.checkPassword("throttlelogintest", "right-password"))
          .as("the engine did not lock the user").isTrue();
    } finally {
      identityService.deleteUser("throttlelogintest");
    }
  }

  @Test
  void aMissingUserNameOrPasswordIsABadRequest() {
    HttpResponse<String> response = http.signIn(null, "operator", "");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains(LoginController.CREDENTIALS_REQUIRED);
  }

  @Test
  void nextMustBeAPathOnThisSite() {
    for (String next : List.of("https://evil.example/", "//evil.example/x", "/\\evil.example", "\\\\evil.example",
        "/\t/evil.example", "/\r\nSet-Cookie:x=y", "javascript:alert(1)", "evil.example", "/" + "a".repeat(2000))) {
      HttpResponse<String> page = http.navigate("/login?next=" + URLEncoder.encode(next, UTF_8));
      assertThat(page.statusCode()).as(next).isEqualTo(400);
      assertThat(page.body()).as(next).contains("next: only a path on this site", "name=\"next\" value=\"/\"");

      HttpResponse<String> signIn = http.signIn(next, "operator", "operator");
      assertThat(signIn.statusCode()).as(next).isEqualTo(400);
      assertThat(signIn.headers().firstValue("Location")).as(next).isEmpty();
      assertThat(http.navigate("/mailbox").statusCode()).as("not signed in after " + next).isEqualTo(302);
    }
  }

  @Test
  void formsWithoutTheirTokenAreRefused() {
    Map<String, String> noToken = new LinkedHashMap<>(Map.of("username", "operator", "password", "operator"));
    HttpResponse<String> withoutSession = http.postForm("/login", noToken);
    http.navigate("/login");
    HttpResponse<String> withoutToken = http.postForm("/login", noToken);
    noToken.put("_csrf", "forged");
    HttpResponse<String> withForgedToken = http.postForm("/login", noToken);

    for (HttpResponse<String> response : List.of(withoutSession, withoutToken, withForgedToken)) {
      assertThat(response.statusCode()).isEqualTo(403);
      assertThat(response.body()).contains(SecurityResponses.FORM_EXPIRED);
    }
    assertThat(http.navigate("/mailbox").statusCode()).isEqualTo(302);

    http.signIn(null, "operator", "operator");
    assertThat(http.postForm("/logout", Map.of()).statusCode()).isEqualTo(403);
    assertThat(http.navigate("/mailbox").statusCode()).as("still signed in").isEqualTo(200);
  }

  /** The Location header, without this server's origin (Tomcat makes sendRedirect's absolute). */
  private String location(HttpResponse<String> response) {
    String location = response.headers().firstValue("Location").orElseThrow(() -> new AssertionError("no Location"));
    String origin = "http://localhost:" + port;
    return location.startsWith(origin + "/") ? location.substring(origin.length()) : location;
  }

  private static String message(HttpResponse<String> page) {
    int start = page.body().indexOf("<div class=\"flash error\"");
    return page.body().substring(start, page.body().indexOf("</div>", start));
  }
}
