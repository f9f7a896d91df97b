package io.partnerflow.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/** The API's request bound, before anything else (Spring Security included) looks at the request. */
@Configuration(proxyBeanMethods = false)
public class ApiWebConfiguration {

  @Bean
  public FilterRegistrationBean<ApiRequestSizeFilter> apiRequestSizeFilter(ObjectMapper json) {
    FilterRegistrationBean<ApiRequestSizeFilter> registration = new FilterRegistrationBean<>(new ApiRequestSizeFilter(json));
    registration.setName("api-request-size");
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 20);
    registration.addUrlPatterns("/api/*");
    return registration;
  }
}
