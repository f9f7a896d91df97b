package io.partnerflow.partnercenter;

import io.partnerflow.validation.Violation;
import java.time.Period;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The granular delegated admin (GDAP) relationship an invitation asks for when it includes delegated
 * administration (api mode): Microsoft Graph's {@code delegatedAdminRelationship} and, once the
 * customer approved it, one {@code delegatedAdminAccessAssignment} per security group of ours.
 *
 * @param displayNamePrefix starts each relationship's display name (unique per partner, at most 50
 *     characters: the prefix, the invitation's reference and its send number)
 * @param duration how long the relationship lasts (ISO-8601 days, between P1D and P2Y: Graph's bounds)
 * @param autoExtendDuration {@code PT0S} (expires) or {@code P180D} (extended; not with the Global
 *     Administrator role)
 * @param roles Microsoft Entra role definition ids asked for (default: Directory Readers)
 * @param securityGroups our security groups (object ids in our tenant) that get every role once the
 *     relationship is active; none configured means no access assignment is made
 */
@ConfigurationProperties("partnerflow.partner-center.api.gdap")
public record GdapProperties(
    @DefaultValue("partnerflow") String displayNamePrefix,
    @DefaultValue("P730D") String duration,
    @DefaultValue("P180D") String autoExtendDuration,
    @DefaultValue(DIRECTORY_READERS) List<String> roles,
    List<String> securityGroups) {

  public static final String DIRECTORY_READERS = "88d8e3e3-8f55-4a1e-953a-9b9898b8876b";
  public static final String GLOBAL_ADMINISTRATOR = "62e90394-69f5-4237-9190-012177145e10";
  private static final Set<String> AUTO_EXTEND = Set.of("PT0S", "P0D", "P180D");
  private static final Pattern GUID = Pattern.compile("[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}");
  static final int PREFIX_MAX = 20;

  public GdapProperties {
    roles = roles == null ? List.of() : List.copyOf(roles);
    securityGroups = securityGroups == null ? List.of() : List.copyOf(securityGroups);
  }

  /** Every unusable setting; empty when relationships can be asked for. */
  public List<Violation> violations() {
    List<Violation> violations = new ArrayList<>();
    String prefix = "partnerflow.partner-center.api.gdap.";
    if (displayNamePrefix == null || displayNamePrefix.isBlank() || displayNamePrefix.length() > PREFIX_MAX) {
      violations.add(new Violation("displayNamePrefix", "length", prefix + "display-name-prefix must have 1 to "
          + PREFIX_MAX + " characters"));
    }
    try {
      Period period = Period.parse(duration);
      long days = period.getYears() * 365L + period.getMonths() * 30L + period.getDays();
      if (days < 1 || days > 730) {
        violations.add(new Violation("duration", "range", prefix + "duration must be between P1D and P730D (P2Y)"));
      }
    } catch (DateTimeParseException | NullPointerException e) {
      violations.add(new Violation("duration", "format", prefix + "duration must be an ISO-8601 period, e.g. P730D"));
    }
    if (!AUTO_EXTEND.contains(autoExtendDuration)) {
      violations.add(new Violation("autoExtendDuration", "oneOf", prefix + "auto-extend-duration must be PT0S or P180D"));
    } else if (autoExtendDuration.equals("P180D") && roles.contains(GLOBAL_ADMINISTRATOR)) {
      violations.add(new Violation("autoExtendDuration", "globalAdmin", "Graph does not extend a relationship with the"
          + " Global Administrator role: set " + prefix + "auto-extend-duration=PT0S"));
    }
    if (roles.isEmpty()) {
      violations.add(new Violation("roles", "required", prefix + "roles must name at least one role definition id"));
    }
    roles.stream().filter(r -> !GUID.matcher(r).matches()).forEach(r -> violations.add(
        new Violation("roles", "guid", prefix + "roles: " + r + " is not a role definition id")));
    securityGroups.stream().filter(g -> !GUID.matcher(g).matches()).forEach(g -> violations.add(
        new Violation("securityGroups", "guid", prefix + "security-groups: " + g + " is not a group object id")));
    return violations;
  }
}
