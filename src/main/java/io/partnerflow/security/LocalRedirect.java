package io.partnerflow.security;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/**
 * Where the login page may send the browser afterwards ({@code next}): only a path on this site,
 * never another host. Browsers treat {@code //host}, {@code /\host} and paths with tabs or line
 * breaks (which they drop) as other hosts, so anything but printable ASCII after a single slash is
 * refused rather than repaired.
 */
final class LocalRedirect {

  /** The start page (it forwards to the Camunda welcome page, which lists the apps the user may use). */
  static final String DEFAULT = "/";
  static final int MAX_LENGTH = 2000;
  static final String RULE = "only a path on this site, such as /mailbox/3, may follow the sign-in";

  private LocalRedirect() {}

  /**
   * @return the path to go to ({@link #DEFAULT} when none is given), empty when it is not a local
   *     path
   */
  static Optional<String> of(String next) {
    if (next == null || next.isEmpty()) {
      return Optional.of(DEFAULT);
    }
    if (next.length() > MAX_LENGTH || !next.startsWith("/") || next.startsWith("//")) {
      return Optional.empty();
    }
    for (int i = 0; i < next.length(); i++) {
      char c = next.charAt(i);
      if (c <= ' ' || c >= 0x7f || c == '\\') {
        return Optional.empty();
      }
    }
    try {
      URI uri = new URI(next);
      return uri.getScheme() == null && uri.getRawAuthority() == null ? Optional.of(next) : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
