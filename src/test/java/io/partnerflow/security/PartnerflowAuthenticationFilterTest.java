package io.partnerflow.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.security.PartnerflowAuthenticationFilter.Unauthenticated;
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
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.springframework.mock.web.MockHttpSession;

/**
 * What code behind the filter sees (user id, engine authentication) and that nothing leaks past
 * the request; the filter is called directly with the real engine. Over HTTP: {@link HttpSecurityTest}.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// Closed after the class: each context registers engine "default" with Camunda's static container
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class PartnerflowAuthenticationFilterTest {

  @Autowired
  ObjectProvider<ProcessEngine> processEngineProvider;

  @Autowired
  ProcessEngine processEngine;

  @Autowired
  IdentityService identityService;

  final AtomicReference<HttpServletRequest> seenRequest = new AtomicReference<>();
  final AtomicReference<Authentication> seenAuthentication = new AtomicReference<>();
  final FilterChain chain = (request, response) -> {
    seenRequest.set((HttpServletRequest) request);
    seenAuthentication.set(identityService.getCurrentAuthentication());
  };

  @AfterEach
  void clear() {
    identityService.clearAuthentication();
  }

  @Test
  void basicAuthenticationSetsUserForTheRequestOnly() throws Exception {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/something");
    request.addHeader("Authorization", WebappClient.basic("operator", "operator"));

    MockHttpServletResponse response = filter(request);

    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(seenRequest.get().getRemoteUser()).isEqualTo("operator");
    assertThat(seenRequest.get().getUserPrincipal().getName()).isEqualTo("operator");
    assertThat(seenRequest.get().getAttribute(PartnerflowAuthenticationFilter.USER_ID_ATTRIBUTE)).isEqualTo("operator");
    assertThat(seenAuthentication.get().getUserId()).isEqualTo("operator");
    assertThat(seenAuthentication.get().getGroupIds()).containsExactly("operators");
    assertThat(identityService.getCurrentAuthentication()).as("cleared after the request").isNull();
  }

  @Test
  void webappSessionSetsUser() throws Exception {
    MockHttpSession session = new MockHttpSession();
    Authentications authentications = new Authentications();
    authentications.addOrReplace(AuthenticationUtil.createAuthentication(processEngine, "manager"));
    session.setAttribute(WebappSession.CAMUNDA_SESSION_ATTRIBUTE, authentications);
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/customers/1");
    request.setSession(session);

    assertThat(filter(request).getStatus()).isEqualTo(200);
    assertThat(seenRequest.get().getRemoteUser()).isEqualTo("manager");
    assertThat(seenAuthentication.get().getGroupIds()).containsExactly("managers");
  }

  @Test
  void rejectsWithChallengeAndDoesNotCallTheChain() throws Exception {
    for (String header : new String[] {null, "Basic !!!", "Basic " + java.util.Base64.getEncoder().encodeToString("nocolon".getBytes()),
        WebappClient.basic("nobody", "x"), "Bearer abc"}) {
      MockHttpServletRequest request = new MockHttpServletRequest("GET", "/mailbox");
      if (header != null) {
        request.addHeader("Authorization", header);
      }
      MockHttpServletResponse response = filter(request);
      assertThat(response.getStatus()).as(String.valueOf(header)).isEqualTo(401);
      assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"partnerflow\"");
      assertThat(seenRequest.get()).isNull();
    }
  }

  @Test
  void pagesSendABrowserWithoutSessionToTheLoginPageWithThePageToComeBackTo() throws Exception {
    MockHttpServletRequest request = browser("/mailbox/3");
    request.setQueryString("replied=true&x=%2F");

    MockHttpServletResponse response = filter(request, Unauthenticated.LOGIN_PAGE_FOR_BROWSERS);

    assertThat(response.getStatus()).isEqualTo(302);
    assertThat(response.getRedirectedUrl()).isEqualTo("/login?next=%2Fmailbox%2F3%3Freplied%3Dtrue%26x%3D%252F");
    assertThat(response.getHeader("WWW-Authenticate")).isNull();
    assertThat(seenRequest.get()).isNull();
  }

  @Test
  void onlyBrowserNavigationsArePointedToTheLoginPage() throws Exception {
    MockHttpServletRequest post = browser("/customers/1/edit");
    post.setMethod("POST");
    MockHttpServletRequest withCredentials = browser("/mailbox");
    withCredentials.addHeader("Authorization", WebappClient.basic("nobody", "x"));
    MockHttpServletRequest anything = browser("/mailbox");
    anything.removeHeader("Accept");
    anything.addHeader("Accept", "*/*");
    MockHttpServletRequest notHtml = browser("/mailbox");
    notHtml.removeHeader("Accept");
    notHtml.addHeader("Accept", "text/html;q=0, application/json");
    MockHttpServletRequest malformed = browser("/mailbox");
    malformed.removeHeader("Accept");
    malformed.addHeader("Accept", "text/html;q=x");

    for (MockHttpServletRequest request : List.of(post, withCredentials, anything, notHtml, malformed,
        new MockHttpServletRequest("GET", "/mailbox"))) {
      MockHttpServletResponse response = filter(request, Unauthenticated.LOGIN_PAGE_FOR_BROWSERS);
      assertThat(response.getStatus()).as(request.getMethod() + " " + request.getHeader("Accept")).isEqualTo(401);
      assertThat(response.getHeader("WWW-Authenticate")).isEqualTo("Basic realm=\"partnerflow\"");
    }
    // the API answers browsers with the challenge, as before
    assertThat(filter(browser("/api/customers"), Unauthenticated.CHALLENGE).getStatus()).isEqualTo(401);
  }

  @Test
  void aPreviousAuthenticationOnThePooledThreadDoesNotCount() throws Exception {
    identityService.setAuthenticatedUserId("admin");
    assertThat(filter(new MockHttpServletRequest("GET", "/api/x")).getStatus()).isEqualTo(401);
  }

  private MockHttpServletResponse filter(MockHttpServletRequest request) throws Exception {
    return filter(request, Unauthenticated.CHALLENGE);
  }

  private MockHttpServletResponse filter(MockHttpServletRequest request, Unauthenticated unauthenticated)
      throws Exception {
    MockHttpServletResponse response = new MockHttpServletResponse();
    new PartnerflowAuthenticationFilter(processEngineProvider, unauthenticated).doFilter(request, response, chain);
    return response;
  }

  /** What a browser sends when a person opens the page. */
  private static MockHttpServletRequest browser(String path) {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
    request.addHeader("Accept", WebappClient.BROWSER_ACCEPT);
    return request;
  }
}
