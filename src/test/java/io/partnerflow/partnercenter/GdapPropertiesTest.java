package io.partnerflow.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.validation.Violation;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The GDAP settings api mode refuses to start with. */
class GdapPropertiesTest {

  private static final String GROUP = "6b1f0c1e-2d2a-4c55-9a1b-3c1c0f2b7a11";

  @Test
  void theDefaultsAskForDirectoryReadersForTwoYearsExtendedBy180Days() {
    GdapProperties defaults = new GdapProperties("partnerflow", "P730D", "P180D",
        List.of(GdapProperties.DIRECTORY_READERS), null);
    assertThat(defaults.violations()).isEmpty();
    assertThat(defaults.securityGroups()).isEmpty();
  }

  @Test
  void theGlobalAdministratorRoleIsNeverAutoExtended() {
    GdapProperties settings = new GdapProperties("partnerflow", "P730D", "P180D",
        List.of(GdapProperties.GLOBAL_ADMINISTRATOR), List.of(GROUP));
    assertThat(settings.violations()).extracting(Violation::rule).containsExactly("globalAdmin");
    assertThat(new GdapProperties("partnerflow", "P730D", "PT0S", List.of(GdapProperties.GLOBAL_ADMINISTRATOR),
        List.of(GROUP)).violations()).isEmpty();
  }

  @Test
  void everyUnusableSettingIsNamed() {
    GdapProperties settings = new GdapProperties("a-prefix-much-too-long-for-50", "P3Y", "P90D",
        List.of("not-a-role"), List.of("not-a-group"));
    assertThat(settings.violations()).extracting(Violation::field)
        .containsExactly("displayNamePrefix", "duration", "autoExtendDuration", "roles", "securityGroups");
    assertThat(new GdapProperties("p", "two years", "PT0S", List.of(), List.of()).violations())
        .extracting(Violation::rule).containsExactly("format", "required");
  }
}
