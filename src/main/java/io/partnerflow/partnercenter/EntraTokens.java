package io.partnerflow.partnercenter;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.converter.FormHttpMessageConverter;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.oauth2.client.AuthorizedClientServiceOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.InMemoryOAuth2AuthorizedClientService;
import org.springframework.security.oauth2.client.OAuth2AuthorizeRequest;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.endpoint.RestClientRefreshTokenTokenResponseClient;
import org.springframework.security.oauth2.client.http.OAuth2ErrorResponseErrorHandler;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.OAuth2AccessToken;
import org.springframework.security.oauth2.core.OAuth2RefreshToken;
import org.springframework.security.oauth2.core.endpoint.OAuth2ParameterNames;
import org.springframework.security.oauth2.core.http.converter.OAuth2AccessTokenResponseHttpMessageConverter;
import org.springframework.web.client.RestClient;

/**
 * Access tokens from Microsoft Entra ID for Partner Center and Graph, through Spring Security's OAuth
 * 2.0 client: App+User tokens from the refresh token the consent step produced (agreements, carts and
 * relationship requests accept nothing less), each cached until a minute before it expires and
 * refreshed then. Entra ID may answer a refresh with a new refresh token; the next refresh uses it.
 * Tokens live in memory only and are never logged.
 */
public class EntraTokens {

  /** What a token is for: its audience and the scope asked for. */
  public enum Audience {
    PARTNER_CENTER("https://api.partnercenter.microsoft.com/user_impersonation"),
    GRAPH("https://graph.microsoft.com/DelegatedAdminRelationship.ReadWrite.All");

    private final String scope;

    Audience(String scope) {
      this.scope = scope;
    }

    String registrationId() {
      return "partnerflow-" + name().toLowerCase().replace('_', '-');
    }
  }

  private static final String PRINCIPAL = "partnerflow";

  private final AuthorizedClientServiceOAuth2AuthorizedClientManager manager;
  private final InMemoryOAuth2AuthorizedClientService store;
  private final Map<Audience, ClientRegistration> registrations = new EnumMap<>(Audience.class);
  private final String refreshToken;

  public EntraTokens(PartnerCenterApiProperties settings, Clock clock) {
    this.refreshToken = settings.refreshToken();
    String tokenUri = settings.authorityUrl().toString().replaceAll("/+$", "") + "/" + settings.tenantId()
        + "/oauth2/v2.0/token";
    for (Audience audience : Audience.values()) {
      registrations.put(audience, ClientRegistration.withRegistrationId(audience.registrationId())
          .clientId(settings.clientId())
          .clientSecret(settings.clientSecret())
          .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
          .authorizationGrantType(AuthorizationGrantType.REFRESH_TOKEN)
          .tokenUri(tokenUri)
          .scope(audience.scope)
          .build());
    }
    InMemoryClientRegistrationRepository repository =
        new InMemoryClientRegistrationRepository(List.copyOf(registrations.values()));
    this.store = new InMemoryOAuth2AuthorizedClientService(repository);
    RestClientRefreshTokenTokenResponseClient tokenClient = new RestClientRefreshTokenTokenResponseClient();
    tokenClient.setRestClient(RestClient.builder()
        .requestFactory(settings.requestFactory())
        .messageConverters(converters -> {
          converters.clear();
          converters.add(new FormHttpMessageConverter());
          converters.add(new OAuth2AccessTokenResponseHttpMessageConverter());
        })
        .defaultStatusHandler(new OAuth2ErrorResponseErrorHandler())
        .build());
    this.manager = new AuthorizedClientServiceOAuth2AuthorizedClientManager(repository, store);
    this.manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder()
        .refreshToken(refresh -> refresh.accessTokenResponseClient(tokenClient).clock(clock))
        .build());
  }

  /** A valid access token for the audience: the cached one, or a new one from Entra ID. */
  public synchronized String accessToken(Audience audience) {
    ClientRegistration registration = registrations.get(audience);
    if (store.loadAuthorizedClient(registration.getRegistrationId(), PRINCIPAL) == null) {
      // Seed with the consent's refresh token and an access token long expired: the first use refreshes
      Instant epoch = Instant.EPOCH;
      store.saveAuthorizedClient(new OAuth2AuthorizedClient(registration, PRINCIPAL,
          new OAuth2AccessToken(OAuth2AccessToken.TokenType.BEARER, "none", epoch, epoch.plusSeconds(1),
              Set.of(audience.scope)),
          new OAuth2RefreshToken(refreshToken, epoch)), UsernamePasswordAuthenticationToken.authenticated(PRINCIPAL, null, List.of()));
    }
    // The scope names the audience: without it the refresh asks Entra ID for no resource at all
    OAuth2AuthorizedClient client = manager.authorize(OAuth2AuthorizeRequest
        .withClientRegistrationId(registration.getRegistrationId()).principal(PRINCIPAL)
        // Entra ID's v2.0 endpoint needs the scope on every refresh; Spring sends it only when asked
        .attribute(OAuth2ParameterNames.SCOPE, audience.scope)
        .build());
    if (client == null) {
      throw new IllegalStateException("Microsoft Entra ID gave no token for " + audience);
    }
    return client.getAccessToken().getTokenValue();
  }
}
