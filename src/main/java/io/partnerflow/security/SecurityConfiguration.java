package io.partnerflow.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.camunda.bpm.spring.boot.starter.property.CamundaBpmProperties;
import org.camunda.bpm.webapp.impl.security.filter.SessionCookieFilter;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.DelegatingSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.savedrequest.NullRequestCache;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may call what over HTTP.
 * <ul>
 *   <li>The Camunda webapps ({@code /camunda/*}) and the engine REST API ({@code /engine-rest/*},
 *       HTTP Basic by Camunda's {@link ProcessEngineAuthenticationFilter}) authenticate themselves;
 *       Spring Security's filter is not even registered on them ({@link #OUR_URL_PATTERNS}).</li>
 *   <li>Our pages and API: Spring Security, against Camunda's identity service
 *       ({@link CamundaAuthenticationProvider}), the Camunda webapp session being the session
 *       ({@link CamundaSessionSecurityContextRepository}); CSRF tokens on our forms; security headers.
 *       /api takes HTTP Basic or the session and answers 401/403/429 as problem details ({@link #ADMIN_API_PATHS}
 *       for administrators only); pages send
 *       browsers without a session to /login. /invitation/* (customers, no Camunda account) is public.</li>
 *   <li>All logins, Camunda's included, behind the {@link LoginThrottle}; the engine never locks a user.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
public class SecurityConfiguration {

  /** Servlet URL patterns of our own pages and API: the only ones Spring Security's filter sees. */
  static final String[] OUR_URL_PATTERNS = {"/api/*", "/v3/api-docs/*", "/swagger-ui.html", "/swagger-ui/*",
      "/customers/*", "/dashboard/*", "/mailbox/*", LoginController.LOGIN_PATH, LoginController.LOGOUT_PATH,
      "/invitation/*", "/actuator/*"};

  static final String[] API_PATHS = {"/api/**", "/v3/api-docs", "/v3/api-docs/**"};
  /** Under /api, for administrators (Camunda group camunda-admin) only: the simulated Partner Center's faults. */
  static final String[] ADMIN_API_PATHS = {"/api/simulation/**"};
  static final String[] INVITATION_PATHS = {"/invitation/**"};
  /** Spring Boot Actuator; only health (status alone unless in group monitoring) without credentials. */
  static final String[] ACTUATOR_PATHS = {"/actuator", "/actuator/**"};
  static final String[] ACTUATOR_PUBLIC_PATHS = {"/actuator/health", "/actuator/health/**"};
  /** The Camunda group whose members read metrics, info and health details. */
  public static final String MONITORING_AUTHORITY = CamundaUser.GROUP_AUTHORITY_PREFIX + DemoUsersInitializer.MONITORING;
  /** The manager dashboard: managers and operators (and administrators), nobody else with a Camunda account. */
  static final String[] DASHBOARD_PATHS = {"/dashboard", "/dashboard/**"};
  static final String[] PAGE_PATHS = {"/customers/**", "/dashboard", "/dashboard/**", "/mailbox/**",
      "/swagger-ui.html", "/swagger-ui/**",
      LoginController.LOGIN_PATH, LoginController.LOGOUT_PATH};

  /**
   * Our pages and the API: scripts, styles and pictures from here only (inline styles: the pages
   * and the mails shown in the mailbox use them; Swagger UI needs them), never framed.
   */
  static final String PAGE_CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; "
      + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; form-action 'self'; "
      + "frame-ancestors 'none'; base-uri 'none'";
  /** The public invitation page: nothing loaded at all, its URL (holding the token) never passed on. */
  static final String INVITATION_CONTENT_SECURITY_POLICY = "default-src 'none'; style-src 'unsafe-inline'; "
      + "form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  /**
   * Set when the public invitation page's form came without this session's CSRF token: the request
   * is forwarded to the page, which says so in the invitation's language.
   */
  public static final String FORM_REFUSED_ATTRIBUTE = "partnerflow.formRefused";

  /**
   * Where the engine REST API authenticates among the servlet filters: before the submission guard
   * ({@code trust.SubmissionGuardFilter}), which needs the authenticated user.
   */
  public static final int ENGINE_REST_AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 100;
  /** The throttle runs before any login check of Camunda's. */
  static final int LOGIN_THROTTLE_ORDER = Ordered.HIGHEST_PRECEDENCE + 10;

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
  public FilterRegistrationBean<LoginThrottleFilter> camundaLoginThrottleFilter(LoginThrottle throttle) {
    FilterRegistrationBean<LoginThrottleFilter> registration = new FilterRegistrationBean<>(new LoginThrottleFilter(throttle));
    registration.setName("camunda-login-throttle");
    registration.setOrder(LOGIN_THROTTLE_ORDER);
    registration.addUrlPatterns("/engine-rest/*", LoginThrottleFilter.WEBAPP_AUTH_PATTERN);
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

  /** Spring Security's filter on our paths only: the Camunda webapps and engine REST keep theirs, untouched. */
  @Bean
  static BeanPostProcessor securityFilterOnOurPathsOnly() {
    return new BeanPostProcessor() {
      @Override
      public Object postProcessBeforeInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof DelegatingFilterProxyRegistrationBean registration
            && "securityFilterChainRegistration".equals(beanName)) {
          registration.setUrlPatterns(List.of(OUR_URL_PATTERNS));
        }
        return bean;
      }
    };
  }

  @Bean
  AuthenticationManager authenticationManager(CamundaAuthenticationProvider provider) {
    ProviderManager manager = new ProviderManager(provider);
    manager.setEraseCredentialsAfterAuthentication(true);
    return manager;
  }

  @Bean
  @Order(1)
  SecurityFilterChain apiSecurity(HttpSecurity http, CamundaUsers users, AuthenticationManager authentication,
      ObjectMapper json) throws Exception {
    http.securityMatcher(API_PATHS)
        .authenticationManager(authentication)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(ADMIN_API_PATHS).hasAuthority(CamundaUser.GROUP_AUTHORITY_PREFIX + Groups.CAMUNDA_ADMIN)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("partnerflow").authenticationEntryPoint(SecurityResponses.api(json)))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .securityContext(context -> context.securityContextRepository(new DelegatingSecurityContextRepository(
            new CamundaSessionSecurityContextRepository(users), new RequestAttributeSecurityContextRepository())))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        // HTTP Basic carries no ambient credential; a browser's session does, so it needs the token
        .csrf(csrf -> csrf.requireCsrfProtectionMatcher(sessionAuthenticatedChange(users))
            .csrfTokenRequestHandler(csrfRequestHandler()))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityResponses.api(json))
            .accessDeniedHandler(SecurityResponses.apiDenied(json)))
        .headers(headers -> headers(headers, PAGE_CONTENT_SECURITY_POLICY, ReferrerPolicy.SAME_ORIGIN))
        .addFilterAfter(new EngineAuthenticationFilter(users), AuthorizationFilter.class);
    return http.build();
  }

  @Bean
  @Order(2)
  SecurityFilterChain invitationSecurity(HttpSecurity http, CamundaUsers users) throws Exception {
    http.securityMatcher(INVITATION_PATHS)
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .csrf(csrf -> csrf.csrfTokenRequestHandler(csrfRequestHandler()))
        .exceptionHandling(errors -> errors.accessDeniedHandler(SecurityResponses.invitationDenied()))
        .headers(headers -> headers(headers, INVITATION_CONTENT_SECURITY_POLICY, ReferrerPolicy.NO_REFERRER))
        // customers have no Camunda account: the page runs as nobody, whatever the thread ran before
        .addFilterAfter(new EngineAuthenticationFilter(users), AuthorizationFilter.class);
    return http.build();
  }

  @Bean
  @Order(3)
  SecurityFilterChain pageSecurity(HttpSecurity http, CamundaUsers users, AuthenticationManager authentication)
      throws Exception {
    http.securityMatcher(PAGE_PATHS)
        .authenticationManager(authentication)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(LoginController.LOGIN_PATH, LoginController.LOGOUT_PATH).permitAll()
            .requestMatchers(DASHBOARD_PATHS).hasAnyAuthority(
                CamundaUser.GROUP_AUTHORITY_PREFIX + DemoUsersInitializer.MANAGERS,
                CamundaUser.GROUP_AUTHORITY_PREFIX + DemoUsersInitializer.OPERATORS,
                CamundaUser.GROUP_AUTHORITY_PREFIX + Groups.CAMUNDA_ADMIN)
            .anyRequest().authenticated())
        .httpBasic(basic -> basic.realmName("partnerflow").authenticationEntryPoint(SecurityResponses.pages()))
        .securityContext(context -> context.securityContextRepository(new CamundaSessionSecurityContextRepository(users)))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .csrf(csrf -> csrf.csrfTokenRequestHandler(csrfRequestHandler()))
        // ends the session: our pages and the Camunda webapps are signed out together
        .logout(logout -> logout.logoutUrl(LoginController.LOGOUT_PATH).logoutSuccessHandler((request, response, user) -> {
          response.setStatus(HttpStatus.SEE_OTHER.value());
          response.setHeader(HttpHeaders.LOCATION,
              request.getContextPath() + LoginController.LOGIN_PATH + "?" + LoginController.SIGNED_OUT);
        }))
        .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityResponses.pages())
            .accessDeniedHandler(SecurityResponses.pagesDenied()))
        .headers(headers -> headers(headers, PAGE_CONTENT_SECURITY_POLICY, ReferrerPolicy.SAME_ORIGIN))
        .addFilterAfter(new EngineAuthenticationFilter(users), AuthorizationFilter.class);
    return http.build();
  }

  /**
   * Actuator: health for anyone (probes), everything else for group monitoring; HTTP Basic only (what
   * Prometheus' basic_auth sends), no session, 401/403 as problem details, never a redirect.
   */
  @Bean
  @Order(4)
  SecurityFilterChain actuatorSecurity(HttpSecurity http, AuthenticationManager authentication, ObjectMapper json)
      throws Exception {
    http.securityMatcher(ACTUATOR_PATHS)
        .authenticationManager(authentication)
        .authorizeHttpRequests(requests -> requests
            .requestMatchers(ACTUATOR_PUBLIC_PATHS).permitAll()
            .anyRequest().hasAuthority(MONITORING_AUTHORITY))
        .httpBasic(basic -> basic.realmName("partnerflow").authenticationEntryPoint(SecurityResponses.api(json)))
        .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
        .requestCache(cache -> cache.requestCache(new NullRequestCache()))
        .csrf(csrf -> csrf.disable()) // read-only endpoints, no session: nothing a forged request could ride on
        .exceptionHandling(errors -> errors.authenticationEntryPoint(SecurityResponses.api(json))
            .accessDeniedHandler(SecurityResponses.apiDenied(json)));
    return http.build();
  }

  /**
   * Spring Security's default (BREACH-safe, a new masked token per page), except that a forged token
   * which does not decode is just a wrong token: the default let its IllegalArgumentException through (500).
   */
  public static CsrfTokenRequestHandler csrfRequestHandler() {
    XorCsrfTokenRequestAttributeHandler masked = new XorCsrfTokenRequestAttributeHandler();
    return new CsrfTokenRequestHandler() {
      @Override
      public void handle(HttpServletRequest request, HttpServletResponse response,
          Supplier<CsrfToken> csrfToken) {
        masked.handle(request, response, csrfToken);
      }

      @Override
      public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken csrfToken) {
        try {
          return masked.resolveCsrfTokenValue(request, csrfToken);
        } catch (IllegalArgumentException undecodable) {
          return null;
        }
      }
    };
  }

  private static void headers(HeadersConfigurer<HttpSecurity> headers, String policy, ReferrerPolicy referrer) {
    headers.contentSecurityPolicy(csp -> csp.policyDirectives(policy))
        .frameOptions(HeadersConfigurer.FrameOptionsConfig::deny)
        .referrerPolicy(r -> r.policy(referrer))
        .contentTypeOptions(options -> { });
  }

  /** A state-changing request that relies on the browser's session rather than its own Basic credentials. */
  private static RequestMatcher sessionAuthenticatedChange(CamundaUsers users) {
    return (HttpServletRequest request) -> !List.of("GET", "HEAD", "OPTIONS", "TRACE").contains(request.getMethod())
        && request.getHeader(HttpHeaders.AUTHORIZATION) == null
        && WebappSession.userId(request, users.engine()) != null;
  }
}
