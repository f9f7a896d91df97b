package io.partnerflow.trust;

import io.partnerflow.onboarding.AdminPasswordHandOver;
import io.partnerflow.security.SecurityConfiguration;
import org.camunda.bpm.engine.ProcessEngine;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Puts the submission guard in front of both doors to the engine's REST API. */
@Configuration(proxyBeanMethods = false)
public class TrustConfiguration {

  @Bean
  public FilterRegistrationBean<SubmissionGuardFilter> submissionGuardFilter(ObjectProvider<ProcessEngine> engine,
      SubmissionGuard guard) {
    FilterRegistrationBean<SubmissionGuardFilter> registration =
        new FilterRegistrationBean<>(new SubmissionGuardFilter(new EngineLookups(engine), guard));
    registration.setName("submission-guard");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    // after the engine REST API's authentication: the guard needs to know who calls
    registration.setOrder(SecurityConfiguration.ENGINE_REST_AUTHENTICATION_ORDER + 1);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<HandOverPasswordFilter> handOverPasswordFilter(ObjectProvider<ProcessEngine> engine,
      ObjectProvider<AdminPasswordHandOver> handOver) {
    FilterRegistrationBean<HandOverPasswordFilter> registration =
        new FilterRegistrationBean<>(new HandOverPasswordFilter(new EngineLookups(engine), handOver));
    registration.setName("hand-over-password");
    registration.addUrlPatterns("/engine-rest/*", "/camunda/api/engine/*");
    registration.setOrder(SecurityConfiguration.ENGINE_REST_AUTHENTICATION_ORDER + 2);
    return registration;
  }

  @Bean
  public FilterRegistrationBean<WebappApplicationFilter> webappApplicationFilter(ObjectProvider<ProcessEngine> engine) {
    FilterRegistrationBean<WebappApplicationFilter> registration =
        new FilterRegistrationBean<>(new WebappApplicationFilter(new EngineLookups(engine)));
    registration.setName("webapp-application-access");
    registration.addUrlPatterns("/camunda/api/*");
    return registration;
  }
}
