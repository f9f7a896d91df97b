package io.partnerflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.security.OtherSourceClient.Response;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.annotation.DirtiesContext;

/**
 * Wrong passwords slow their source, never lock the account: through each login (HTTP Basic on
 * /engine-rest and /api, the Tasklist login, our /login), 15 wrong passwords from 127.0.0.2, then
 * the right password from 127.0.0.1 works at once while the attacking source waits (429 +
 * Retry-After), and after the wait it may sign in with the right password too.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LoginThrottleHttpTest {

  private static final String USER = "throttlevictim";
  private static final String PASSWORD = "right-password";

  @LocalServerPort
  int port;

  @Autowired
  IdentityService identityService;

  @BeforeEach
  void victim() {
    User user = identityService.newUser(USER);
    user.setPassword(PASSWORD);
    identityService.saveUser(user);
    identityService.createMembership(USER, "operators");
  }

  @AfterEach
  void deleteVictim() {
    identityService.deleteUser(USER);
  }

  @Test
  void engineRestBasic() {
    OtherSourceClient attacker = new OtherSourceClient(port);
    assertAttackSlowsOnlyTheAttacker(
        () -> attacker.get("/engine-rest/task", Map.of("Authorization", WebappClient.basic(USER, "wrong"))),
        () -> attacker.get("/engine-rest/task", Map.of("Authorization", WebappClient.basic(USER, PASSWORD))),
        () -> new WebappClient(port).get("/engine-rest/task", USER, PASSWORD).statusCode(), 200);
  }

  @Test
  void apiBasic() {
    OtherSourceClient attacker = new OtherSourceClient(port);
    assertAttackSlowsOnlyTheAttacker(
        () -> attacker.get("/api/customers", Map.of("Authorization", WebappClient.basic(USER, "wrong"))),
        () -> attacker.get("/api/customers", Map.of("Authorization", WebappClient.basic(USER, PASSWORD))),
        () -> new WebappClient(port).get("/api/customers", USER, PASSWORD).statusCode(), 200);
  }

  @Test
  void tasklistLogin() {
    assertAttackSlowsOnlyTheAttacker(() -> tasklistLogin("wrong"), () -> tasklistLogin(PASSWORD),
        () -> new WebappClient(port).login("tasklist", USER, PASSWORD).statusCode(), 200);
  }

  @Test
  void ourLoginPage() {
    assertAttackSlowsOnlyTheAttacker(() -> ourLogin("wrong"), () -> ourLogin(PASSWORD),
        () -> new WebappClient(port).signIn(null, USER, PASSWORD).statusCode(), 303);
  }

  private void assertAttackSlowsOnlyTheAttacker(Supplier<Response> wrong, Supplier<Response> right,
      Supplier<Integer> ownerFromElsewhere, int signedIn) {
    List<Integer> statuses = new ArrayList<>();
    Response last = null;
    for (int i = 0; i < 15; i++) {
      last = wrong.get();
      statuses.add(last.status());
    }
    assertThat(statuses.subList(0, 5)).as("five free failures").containsOnly(401);
    assertThat(statuses.subList(5, 15)).as("then the attacking source waits").containsOnly(429);
    assertThat(last.header("Retry-After")).hasValueSatisfying(s -> assertThat(Integer.parseInt(s)).isBetween(1, 3));
    assertThat(last.body()).contains("Too many failed sign-ins for this user from your address: wait");

    assertThat(ownerFromElsewhere.get()).as("the owner, from another address, at once").isEqualTo(signedIn);
    assertThat(right.get().status()).as("the attacking source waits even with the right password").isEqualTo(429);

    sleep(3100);
    assertThat(right.get().status()).as("after the wait: not locked").isEqualTo(signedIn);
  }

  private Response tasklistLogin(String password) {
    OtherSourceClient client = new OtherSourceClient(port);
    client.get("/camunda/app/tasklist/", Map.of());
    return client.postForm("/camunda/api/admin/auth/user/default/login/tasklist",
        Map.of("X-XSRF-TOKEN", client.cookie("XSRF-TOKEN")), Map.of("username", USER, "password", password));
  }

  private Response ourLogin(String password) {
    OtherSourceClient client = new OtherSourceClient(port);
    Matcher token = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"")
        .matcher(client.get("/login", Map.of("Accept", "text/html")).body());
    assertThat(token.find()).isTrue();
    Map<String, String> form = new LinkedHashMap<>();
    form.put("_csrf", token.group(1));
    form.put("username", USER);
    form.put("password", password);
    return client.postForm("/login", Map.of("Accept", "text/html"), form);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
