package io.partnerflow.partnercenter;

import io.partnerflow.invitation.MicrosoftRelationships;
import io.partnerflow.invitation.MicrosoftRequests;
import io.partnerflow.provisioning.CustomerTenants;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code partnerflow.partner-center.mode=api} for invitations to connect: Microsoft confirms each
 * acceptance ({@link MicrosoftRelationshipsApi}). Refuses to start with unusable GDAP settings.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = PartnerCenterApiConfiguration.MODE, havingValue = "api")
public class InvitationApiConfiguration {

  @Bean
  MicrosoftRelationships microsoftRelationshipsApi(PartnerCenterHttp http, GdapProperties gdap,
      MicrosoftRequests requests, CustomerTenants tenants) {
    if (!gdap.violations().isEmpty()) {
      throw new IllegalStateException("partnerflow.partner-center.mode=api cannot start: " + gdap.violations()
          .stream().map(v -> v.message()).collect(Collectors.joining("; ")));
    }
    return new MicrosoftRelationshipsApi(http, gdap, requests, tenants);
  }
}
