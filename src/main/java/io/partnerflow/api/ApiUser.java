package io.partnerflow.api;

import io.partnerflow.security.PartnerflowAuthenticationFilter;
import jakarta.servlet.http.HttpServletRequest;

/** The user an API request is authenticated as (set by {@link PartnerflowAuthenticationFilter}). */
final class ApiUser {

  private ApiUser() {}

  static String of(HttpServletRequest request) {
    Object userId = request.getAttribute(PartnerflowAuthenticationFilter.USER_ID_ATTRIBUTE);
    if (userId instanceof String id && !id.isBlank()) {
      return id;
    }
    if (request.getRemoteUser() != null) {
      return request.getRemoteUser();
    }
    throw new IllegalStateException("API request without an authenticated user: is the path protected?");
  }
}
