package io.partnerflow.security;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Who may call what over HTTP. The Camunda webapps (/camunda/*) authenticate themselves; the REST
 * API (/engine-rest/*), open by default, takes HTTP Basic; our own pages and APIs take a webapp
 * session or HTTP Basic. /invitation/* (customers, no Camunda account) stays public on purpose.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

  /** Paths of our own pages and APIs that need a Camunda user (and the API's OpenAPI description and Swagger UI). */
  public static final String[] PROTECTED_PATHS = {"/api/*", "/mailbox/*", "/customers/*",
      "/v3/api-docs", "/v3/api-docs/*", "/swagger-ui.html", "/swagger-ui/*"};

  @Bean
  public FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
    registration.setName("engine-rest-authentication");
    registration.addUrlPatterns("/engine-rest/*");
    registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
        HttpBasicAuthenticationProvider.class.getName());
    return registration;
  }

  @Bean
  public FilterRegistrationBean<PartnerflowAuthenticationFilter> partnerflowAuthenticationFilter(
      ObjectProvider<ProcessEngine> processEngine) {
    FilterRegistrationBean<PartnerflowAuthenticationFilter> registration =
        new FilterRegistrationBean<>(new PartnerflowAuthenticationFilter(processEngine));
    registration.setName("partnerflow-authentication");
    registration.addUrlPatterns(PROTECTED_PATHS);
    return registration;
  }
}
