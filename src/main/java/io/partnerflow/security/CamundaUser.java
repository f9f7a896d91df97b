package io.partnerflow.security;

import java.util.List;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * A Camunda user as Spring Security's principal: its id, groups and tenants, read from Camunda's
 * identity service when the request was authenticated (Camunda stays the one source of truth).
 */
public record CamundaUser(String id, List<String> groupIds, List<String> tenantIds) implements AuthenticatedPrincipal {

  /** Authorities are the user's groups: {@code GROUP_operators}, {@code GROUP_managers}, ... */
  public static final String GROUP_AUTHORITY_PREFIX = "GROUP_";

  public CamundaUser {
    groupIds = List.copyOf(groupIds);
    tenantIds = List.copyOf(tenantIds);
  }

  @Override
  public String getName() {
    return id;
  }
}
