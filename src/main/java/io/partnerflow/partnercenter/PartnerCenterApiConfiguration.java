package io.partnerflow.partnercenter;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.provisioning.PartnerCenterClient;
import java.time.Clock;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code partnerflow.partner-center.mode=api}: what leaves the engine goes to Microsoft. The product
 * refuses to start while a credential, the catalog mapping or a timeout is missing, naming each
 * setting's environment variable; it logs where it connects, never a secret.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = PartnerCenterApiConfiguration.MODE, havingValue = "api")
@EnableConfigurationProperties(PartnerCenterApiProperties.class)
public class PartnerCenterApiConfiguration {

  public static final String MODE = "partnerflow.partner-center.mode";

  private static final Logger LOG = LoggerFactory.getLogger(PartnerCenterApiConfiguration.class);

  @Bean
  EntraTokens entraTokens(PartnerCenterApiProperties settings, Clock clock) {
    if (!settings.violations().isEmpty()) {
      throw new IllegalStateException("partnerflow.partner-center.mode=api cannot start: " + settings.violations()
          .stream().map(v -> v.message()).collect(Collectors.joining("; ")));
    }
    LOG.info("Partner Center mode api: {}", settings);
    return new EntraTokens(settings, clock);
  }

  @Bean
  PartnerCenterHttp partnerCenterHttp(PartnerCenterApiProperties settings, EntraTokens tokens, ObjectMapper json,
      Clock clock) {
    return new PartnerCenterHttp(settings, tokens, json, clock);
  }

  @Bean
  PartnerCenterClient partnerCenterApiClient(PartnerCenterHttp http, PartnerCenterApiProperties settings) {
    return new PartnerCenterApiClient(http, settings);
  }
}
