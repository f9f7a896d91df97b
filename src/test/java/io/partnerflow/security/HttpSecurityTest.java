package io.partnerflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.boot.test.web.server.LocalServerPort;

/** Who gets through /engine-rest, our own paths and the Camunda webapp logins. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HttpSecurityTest {

  @LocalServerPort
  int port;

  @Autowired
  RepositoryService repositoryService;

  @Autowired
  TaskService taskService;

  WebappClient http;

  @BeforeEach
  void newClient() {
    http = new WebappClient(port);
  }

  // --- /engine-rest: HTTP Basic via Camunda's ProcessEngineAuthenticationFilter

  @Test
  void engineRestRejectsAnonymousRequests() {
    HttpResponse<String> response = http.get("/engine-rest/task");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic"));
  }

  @Test
  void engineRestAcceptsOperatorWithBasicAuthentication() {
    assertThat(http.get("/engine-rest/task", "operator", "operator").statusCode()).isEqualTo(200);
  }

  @Test
  void engineRestRejectsWrongCredentials() {
    // an unknown user: a wrong password for a real one would count towards its lock-out
    assertThat(http.get("/engine-rest/task", "nobody", "nothing").statusCode()).isEqualTo(401);
  }

  @Test
  void engineRestDoesNotAcceptTheWebappSession() {
    assertThat(http.login("tasklist", "operator", "operator").statusCode()).isEqualTo(200);
    assertThat(http.get("/engine-rest/task").statusCode()).isEqualTo(401);
  }

  // --- our own paths: Spring Security (SecurityConfiguration)

  @Test
  void ownPathsRejectAnonymousRequests() {
    for (String path : new String[] {"/mailbox", "/mailbox/", "/api/anything", "/customers/42"}) {
      HttpResponse<String> response = http.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(401);
      assertThat(response.headers().firstValue("WWW-Authenticate")).as(path).hasValue("Basic realm=\"partnerflow\"");
    }
  }

  @Test
  void ownPathsRejectWrongCredentials() {
    assertThat(http.get("/mailbox", "nobody", "nothing").statusCode()).isEqualTo(401);
  }

  @Test
  void ownPathsAcceptBasicAuthentication() {
    // the page may not exist (404) yet: only the filter's verdict matters here
    assertThat(http.get("/mailbox", "operator", "operator").statusCode()).isNotIn(401, 403);
  }

  @Test
  void ownPathsAcceptTheWebappSession() {
    assertThat(http.login("tasklist", "operator", "operator").statusCode()).isEqualTo(200);
    assertThat(http.get("/mailbox").statusCode()).isNotIn(401, 403);
  }

  @Test
  void invitationPagesStayPublic() {
    assertThat(http.get("/invitation/some-token").statusCode()).isNotEqualTo(401);
  }

  // --- security headers and CSRF on our pages and API (Spring Security)

  @Test
  void ourPagesAndApiSendSecurityHeaders() {
    http.signIn(null, "operator", "operator");
    for (HttpResponse<String> response : List.of(http.navigate("/customers"), http.navigate("/mailbox"),
        http.navigate("/swagger-ui/index.html"), http.get("/v3/api-docs"), new WebappClient(port).navigate("/login"),
        http.get("/api/customers", "operator", "operator"), http.get("/api/customers"))) {
      String what = response.uri().getPath() + " " + response.statusCode();
      assertThat(response.statusCode()).as(what).isLessThan(400);
      assertThat(response.headers().firstValue("Content-Security-Policy")).as(what).hasValueSatisfying(csp ->
          assertThat(csp).contains("default-src 'self'", "script-src 'self'", "frame-ancestors 'none'",
              "object-src 'none'", "base-uri 'none'").doesNotContain("unsafe-eval"));
      assertThat(response.headers().firstValue("X-Frame-Options")).as(what).hasValue("DENY");
      assertThat(response.headers().firstValue("X-Content-Type-Options")).as(what).hasValue("nosniff");
      assertThat(response.headers().firstValue("Referrer-Policy")).as(what).hasValue("same-origin");
    }
  }

  @Test
  void theCamundaWebappsKeepTheirOwnHeadersAndAreNotBehindSpringSecurity() {
    HttpResponse<String> tasklist = http.get("/camunda/app/tasklist/");
    assertThat(tasklist.statusCode()).isEqualTo(200);
    // Camunda's own CSP (its nonce-based policy), not ours
    assertThat(tasklist.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).doesNotContain("script-src 'self';"));
    assertThat(http.csrfToken()).as("Camunda's own CSRF cookie").isNotBlank();
  }

  @Test
  void ourFormsNeedTheSessionsCsrfToken() {
    http.signIn(null, "operator", "operator");
    String token = WebappClient.formToken(http.navigate("/logout").body());

    for (String forged : List.of("forged", "", token.substring(1) + "A")) {
      HttpResponse<String> refused = http.postForm("/mailbox/0/reply", Map.of("_csrf", forged, "text", "ACEPTO"));
      assertThat(refused.statusCode()).as(forged).isEqualTo(403);
      assertThat(refused.body()).as(forged).contains(SecurityResponses.FORM_EXPIRED);
    }
    assertThat(http.postForm("/mailbox/0/reply", Map.of("text", "ACEPTO")).statusCode()).isEqualTo(403);
    // with the token the form reaches the mailbox, which has no mail 0 in this test
    assertThat(http.postForm("/mailbox/0/reply", Map.of("_csrf", token, "text", "ACEPTO")).statusCode())
        .isEqualTo(404);
  }

  @Test
  void anApiCallWithTheSessionButWithoutItsCsrfTokenIsRefused() {
    http.signIn(null, "operator", "operator");
    HttpResponse<String> response = http.postJson("/api/referrals", "{}", null, null);
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.body()).contains("CSRF");
  }

  // --- Camunda webapp logins (POST /camunda/api/admin/auth/user/default/login/{app})

  @Test
  void operatorMayUseTasklistOnly() {
    HttpResponse<String> tasklist = http.login("tasklist", "operator", "operator");
    assertThat(tasklist.statusCode()).isEqualTo(200);
    assertThat(tasklist.body()).contains("\"userId\":\"operator\"");
    // the new session's cookie is SameSite (what protects our session-authenticated paths from CSRF)
    assertThat(tasklist.headers().allValues("Set-Cookie"))
        .anySatisfy(c -> assertThat(c).startsWith("JSESSIONID=").containsIgnoringCase("SameSite=Lax"));

    assertThat(new WebappClient(port).login("cockpit", "operator", "operator").statusCode()).isEqualTo(403);
    assertThat(new WebappClient(port).login("admin", "operator", "operator").statusCode()).isEqualTo(403);
  }

  @Test
  void managerMayUseCockpitOnly() {
    assertThat(http.login("cockpit", "manager", "manager").statusCode()).isEqualTo(200);
    assertThat(new WebappClient(port).login("tasklist", "manager", "manager").statusCode()).isEqualTo(403);
    assertThat(new WebappClient(port).login("admin", "manager", "manager").statusCode()).isEqualTo(403);
  }

  @Test
  void adminMayUseAdmin() {
    assertThat(http.login("admin", "admin", "admin").statusCode()).isEqualTo(200);
  }

  @Test
  void webappLoginWithoutCsrfTokenIsRejected() {
    assertThat(http.loginWithoutCsrfToken("tasklist", "operator", "operator").statusCode()).isEqualTo(403);
  }

  // --- task authorizations

  @Test
  void managerCannotCompleteATaskButOperatorCan() {
    String key = "security-test-" + UUID.randomUUID().toString().substring(0, 8);
    BpmnModelInstance model = Bpmn.createExecutableProcess(key)
        .camundaHistoryTimeToLive(1)
        .startEvent()
        .userTask("Task_Approve")
        .endEvent()
        .done();
    repositoryService.createDeployment().addModelInstance(key + ".bpmn", model).deploy();

    HttpResponse<String> started =
        http.postJson("/engine-rest/process-definition/key/" + key + "/start", "{}", "admin", "admin");
    assertThat(started.statusCode()).as(started.body()).isEqualTo(200);
    Task task = taskService.createTaskQuery().processDefinitionKey(key).singleResult();
    assertThat(task).isNotNull();

    HttpResponse<String> byManager =
        http.postJson("/engine-rest/task/" + task.getId() + "/complete", "{}", "manager", "manager");
    assertThat(byManager.statusCode()).as(byManager.body()).isEqualTo(403);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isEqualTo(1);

    assertThat(http.postJson("/engine-rest/task/" + task.getId() + "/claim", "{\"userId\":\"operator\"}",
        "operator", "operator").statusCode()).isEqualTo(204);
    HttpResponse<String> byOperator =
        http.postJson("/engine-rest/task/" + task.getId() + "/complete", "{}", "operator", "operator");
    assertThat(byOperator.statusCode()).as(byOperator.body()).isEqualTo(204);
    assertThat(taskService.createTaskQuery().taskId(task.getId()).count()).isZero();
  }

  @Test
  void managerCannotStartProcesses() {
    String key = "security-start-" + UUID.randomUUID().toString().substring(0, 8);
    repositoryService.createDeployment()
        .addModelInstance(key + ".bpmn", Bpmn.createExecutableProcess(key).camundaHistoryTimeToLive(1)
            .startEvent().userTask().endEvent().done())
        .deploy();
    assertThat(http.postJson("/engine-rest/process-definition/key/" + key + "/start", "{}", "manager", "manager")
        .statusCode()).isEqualTo(403);
    // operators start processes through their start forms; one without (like this) is the product's to start
    assertThat(http.postJson("/engine-rest/process-definition/key/" + key + "/start", "{}", "operator", "operator")
        .statusCode()).isEqualTo(403);
    assertThat(http.postJson("/engine-rest/process-definition/key/" + key + "/start", "{}", "admin", "admin")
        .statusCode()).isEqualTo(200);
  }
}
