package io.partnerflow.api;

import jakarta.servlet.http.HttpServletRequest;

/** The user an API request is authenticated as (Spring Security's, see {@code security.SecurityConfiguration}). */
final class ApiUser {

  private ApiUser() {}

  static String of(HttpServletRequest request) {
    if (request.getRemoteUser() != null) {
      return request.getRemoteUser();
    }
    throw new IllegalStateException("API request without an authenticated user: is the path protected?");
  }
}
