package io.partnerflow.security;

import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.stereotype.Component;

/**
 * Camunda's identity service seen from Spring Security: builds the authentication of a user
 * (groups as authorities, tenants) and applies it to the engine for the length of a request.
 * Takes a provider: security beans may be built before Flyway has migrated, the engine must not.
 */
@Component
public class CamundaUsers {

  private final ObjectProvider<ProcessEngine> processEngine;

  public CamundaUsers(ObjectProvider<ProcessEngine> processEngine) {
    this.processEngine = processEngine;
  }

  ProcessEngine engine() {
    return processEngine.getObject();
  }

  IdentityService identityService() {
    return engine().getIdentityService();
  }

  /** The authenticated token for an existing user (its password checked, or its webapp session valid). */
  Authentication authenticated(String userId) {
    IdentityService identity = identityService();
    List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId).toList();
    List<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
        .stream().map(Tenant::getId).toList();
    CamundaUser user = new CamundaUser(userId, groups, tenants);
    return UsernamePasswordAuthenticationToken.authenticated(user, null, groups.stream()
        .map(group -> new SimpleGrantedAuthority(CamundaUser.GROUP_AUTHORITY_PREFIX + group)).toList());
  }

  /** The Camunda user of a Spring Security authentication, empty for anonymous or none. */
  static Optional<CamundaUser> of(Authentication authentication) {
    return authentication != null && authentication.isAuthenticated()
        && authentication.getPrincipal() instanceof CamundaUser user ? Optional.of(user) : Optional.empty();
  }
}
