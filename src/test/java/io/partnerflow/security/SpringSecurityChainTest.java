package io.partnerflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.annotation.DirtiesContext;

/**
 * What our controllers see behind Spring Security's real filter chain (called directly): the
 * engine's current authentication is the signed-in user (groups included) while they run, the
 * request's remote user too, and nothing is left on the pooled thread afterwards or taken from
 * before. Over HTTP: {@link HttpSecurityTest}, {@link LoginPageTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SpringSecurityChainTest {

  @Autowired
  @Qualifier("springSecurityFilterChain")
  Filter springSecurity;

  @Autowired
  ProcessEngine processEngine;

  @Autowired
  IdentityService identityService;

  final AtomicReference<HttpServletRequest> seenRequest = new AtomicReference<>();
  final AtomicReference<String> seenRemoteUser = new AtomicReference<>();
  final AtomicReference<Authentication> seenAuthentication = new AtomicReference<>();
  final FilterChain controller = (request, response) -> {
    seenRequest.set((HttpServletRequest) request);
    seenRemoteUser.set(((HttpServletRequest) request).getRemoteUser());
    seenAuthentication.set(identityService.getCurrentAuthentication());
  };

  @BeforeEach
  @AfterEach
  void clear() {
    identityService.clearAuthentication();
  }

  @Test
  void basicAuthenticationIsTheEngineUserForTheRequestOnly() throws Exception {
    MockHttpServletRequest request = request("GET", "/api/customers");
    request.addHeader("Authorization", WebappClient.basic("operator", "operator"));

    assertThat(run(request).getStatus()).isEqualTo(200);

    assertThat(seenRemoteUser.get()).isEqualTo("operator");
    assertThat(seenAuthentication.get().getUserId()).isEqualTo("operator");
    assertThat(seenAuthentication.get().getGroupIds()).containsExactly("operators");
    assertThat(identityService.getCurrentAuthentication()).as("cleared after the request").isNull();
  }

  @Test
  void theCamundaWebappSessionIsTheEngineUserOnPages() throws Exception {
    MockHttpSession session = new MockHttpSession();
    Authentications authentications = new Authentications();
    authentications.addOrReplace(AuthenticationUtil.createAuthentication(processEngine, "manager"));
    session.setAttribute(WebappSession.CAMUNDA_SESSION_ATTRIBUTE, authentications);
    MockHttpServletRequest request = request("GET", "/customers");
    request.setSession(session);

    assertThat(run(request).getStatus()).isEqualTo(200);

    assertThat(seenRemoteUser.get()).isEqualTo("manager");
    assertThat(seenAuthentication.get().getUserId()).isEqualTo("manager");
    assertThat(seenAuthentication.get().getGroupIds()).containsExactly("managers");
    assertThat(identityService.getCurrentAuthentication()).isNull();
  }

  @Test
  void aPreviousAuthenticationOnThePooledThreadDoesNotCount() throws Exception {
    identityService.setAuthentication("admin", List.of("camunda-admin"));

    assertThat(run(request("GET", "/invitation/some-token")).getStatus()).isEqualTo(200);
    assertThat(seenAuthentication.get()).as("the public page runs as nobody").isNull();

    seenRequest.set(null);
    identityService.setAuthentication("admin", List.of("camunda-admin"));
    assertThat(run(request("GET", "/api/customers")).getStatus()).as("no user of its own").isEqualTo(401);
    assertThat(seenRequest.get()).isNull();
  }

  @Test
  void wrongCredentialsNeverReachTheController() throws Exception {
    MockHttpServletRequest request = request("GET", "/api/customers");
    request.addHeader("Authorization", WebappClient.basic("nobodyatall", "nothing"));

    MockHttpServletResponse response = run(request);

    assertThat(response.getStatus()).isEqualTo(401);
    assertThat(response.getContentType()).startsWith("application/problem+json");
    assertThat(seenRequest.get()).isNull();
  }

  private static MockHttpServletRequest request(String method, String path) {
    MockHttpServletRequest request = new MockHttpServletRequest(method, path);
    request.setServletPath(path);
    request.setRemoteAddr("192.0.2.10");
    return request;
  }

  private MockHttpServletResponse run(MockHttpServletRequest request) throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    springSecurity.doFilter(request, response, controller);
    return response;
  }
}
