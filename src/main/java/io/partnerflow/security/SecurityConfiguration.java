package io.partnerflow.security;

import io.partnerflow.security.PartnerflowAuthenticationFilter.Unauthenticated;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.filter.SessionCookieFilter;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Who may call what over HTTP. The Camunda webapps (/camunda/*) authenticate themselves; the REST
 * API (/engine-rest/*), open by default, takes HTTP Basic; our own pages and APIs take a webapp
 * session or HTTP Basic, and browsers opening our pages without either go to /login.
 * /invitation/* (customers, no Camunda account) and /login, /logout stay public on purpose.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  /** Our pages that need a Camunda user (Swagger UI included): browsers without a session go to the login page. */
  public static final String[] PAGE_PATHS = {"/mailbox/*", "/customers/*", "/swagger-ui.html", "/swagger-ui/*"};

  /** Our APIs that need a Camunda user (the OpenAPI description included): always 401 + Basic challenge. */
  public static final String[] API_PATHS = {"/api/*", "/v3/api-docs", "/v3/api-docs/*"};

  /**
   * Where the engine REST API authenticates among the servlet filters: before the submission guard
   * ({@code trust.SubmissionGuardFilter}), which needs the authenticated user.
   */
  public static final int ENGINE_REST_AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.setOrder(ENGINE_REST_AUTHENTICATION_ORDER);
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    return registration;
  }

  @Bean
  public FilterRegistrationBean<PartnerflowAuthenticationFilter> partnerflowPageAuthenticationFilter(
      ObjectProvider<ProcessEngine> processEngine) {
    FilterRegistrationBean<PartnerflowAuthenticationFilter> registration = new FilterRegistrationBean<>(
        new PartnerflowAuthenticationFilter(processEngine, Unauthenticated.LOGIN_PAGE_FOR_BROWSERS));
    registration.setName("partnerflow-page-authentication");
    registration.addUrlPatterns(PAGE_PATHS);
    return registration;
  }

  /**
   * Our login page creates the session the Camunda webapps then use: its cookie gets the attributes
   * they give their own (SameSite, Secure: {@code camunda.bpm.webapp.session-cookie.*}), by their filter.
   */
  @Bean
  public FilterRegistrationBean<SessionCookieFilter> loginSessionCookieFilter(CamundaBpmProperties camunda) {
    FilterRegistrationBean<SessionCookieFilter> registration = new FilterRegistrationBean<>(new SessionCookieFilter());
    registration.setName("partnerflow-login-session-cookie");
    registration.setInitParameters(camunda.getWebapp().getSessionCookie().getInitParams());
    registration.addUrlPatterns(LoginController.LOGIN_PATH);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<PartnerflowAuthenticationFilter> partnerflowApiAuthenticationFilter(
      ObjectProvider<ProcessEngine> processEngine) {
    FilterRegistrationBean<PartnerflowAuthenticationFilter> registration = new FilterRegistrationBean<>(
        new PartnerflowAuthenticationFilter(processEngine, Unauthenticated.CHALLENGE));
    registration.setName("partnerflow-api-authentication");
    registration.addUrlPatterns(API_PATHS);
    return registration;
  }
}
