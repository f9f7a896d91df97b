package io.partnerflow.partnercenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.partnerflow.PartnerflowApplication;
import io.partnerflow.partnercenter.fake.DemoOfferCatalog;
import io.partnerflow.partnercenter.fake.FakeMicrosoft;
import io.partnerflow.provisioning.PartnerCenterClient;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The product refuses to start in api mode without its credentials, naming each missing environment
 * variable, and refuses a mode it does not know, naming the allowed ones. The configuration alone
 * (fast, {@link ApplicationContextRunner}) and the whole product ({@link SpringApplicationBuilder},
 * with the tests' in-memory database).
 */
class PartnerCenterStartupTest {

  static final List<String> CREDENTIALS = List.of("PARTNERFLOW_PARTNER_CENTER_API_TENANT_ID",
      "PARTNERFLOW_PARTNER_CENTER_API_CLIENT_ID", "PARTNERFLOW_PARTNER_CENTER_API_CLIENT_SECRET",
      "PARTNERFLOW_PARTNER_CENTER_API_REFRESH_TOKEN");

  private final ApplicationContextRunner apiConfiguration = new ApplicationContextRunner()
      .withUserConfiguration(PartnerCenterApiConfiguration.class)
      .withBean(Clock.class, Clock::systemUTC)
      .withBean(ObjectMapper.class, ObjectMapper::new)
      .withPropertyValues("partnerflow.partner-center.mode=api");

  @Test
  void apiModeWithoutCredentialsOrCatalogRefusesNamingEachEnvironmentVariable() {
    apiConfiguration.run(context -> {
      assertThat(context).hasFailed();
      String message = rootMessage(context.getStartupFailure());
      assertThat(message).startsWith("partnerflow.partner-center.mode=api cannot start: ");
      CREDENTIALS.forEach(variable -> assertThat(message).contains(variable + " ("));
      assertThat(message).contains("partnerflow.partner-center.api.tenant-id", "partnerflow.partner-center.api.client-id",
          "partnerflow.partner-center.api.client-secret", "partnerflow.partner-center.api.refresh-token",
          "partnerflow.partner-center.api.catalog must map every offer");
    });
  }

  @Test
  void apiModeNamesOnlyWhatIsMissingAndNeverShowsTheSecretsThatAreSet() {
    try (FakeMicrosoft fake = new FakeMicrosoft()) {
      Map<String, String> settings = new java.util.LinkedHashMap<>(fake.properties());
      settings.putAll(DemoOfferCatalog.properties());
      settings.remove("partnerflow.partner-center.api.client-secret");
      apiConfiguration.withPropertyValues(properties(settings)).run(context -> {
        assertThat(context).hasFailed();
        String message = rootMessage(context.getStartupFailure());
        assertThat(message).contains("PARTNERFLOW_PARTNER_CENTER_API_CLIENT_SECRET")
            .doesNotContain("TENANT_ID", "CLIENT_ID (", "REFRESH_TOKEN", "catalog")
            .doesNotContain(FakeMicrosoft.REFRESH_TOKEN);
      });
    }
  }

  @Test
  void apiModeWithEverythingSetHasAPartnerCenterClient() {
    try (FakeMicrosoft fake = new FakeMicrosoft()) {
      Map<String, String> settings = new java.util.LinkedHashMap<>(fake.properties());
      settings.putAll(DemoOfferCatalog.properties());
      apiConfiguration.withPropertyValues(properties(settings)).run(context -> {
        assertThat(context).hasNotFailed();
        assertThat(context).getBean(PartnerCenterClient.class).isInstanceOf(PartnerCenterApiClient.class);
      });
    }
  }

  @Test
  void theProductInApiModeWithoutCredentialsRefusesToStart() {
    assertThatThrownBy(() -> start("partnerflow.partner-center.mode=api"))
        .satisfies(failure -> {
          String message = rootMessage(failure);
          assertThat(message).startsWith("partnerflow.partner-center.mode=api cannot start: ");
          CREDENTIALS.forEach(variable -> assertThat(message).contains(variable));
        });
  }

  @Test
  void theProductRefusesAnUnknownModeNamingTheAllowedOnes() {
    assertThatThrownBy(() -> start("partnerflow.partner-center.mode=apii"))
        .satisfies(failure -> assertThat(rootMessage(failure))
            .isEqualTo("partnerflow.partner-center.mode=apii is not a Partner Center mode: use ledger (the local"
                + " stand-in, the default) or api (Microsoft Partner Center) (environment variable"
                + " PARTNERFLOW_PARTNER_CENTER_MODE)"));
  }

  @Test
  void theModeCheckAcceptsTheTwoModesInAnyCaseAndUnsetAndRefusesTheRest() {
    for (String mode : new String[] {null, "ledger", "api", "API", "Ledger"}) {
      PartnerCenterModeCheck.check(mode);
    }
    for (String mode : new String[] {"", "apii", "simulated", " api", "ledger,api"}) {
      assertThatThrownBy(() -> PartnerCenterModeCheck.check(mode)).as("mode [%s]", mode)
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("use ledger")
          .hasMessageContaining("or api");
    }
  }

  private static ConfigurableApplicationContext start(String... properties) {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(PartnerflowApplication.class)
        .properties(properties)
        .properties("server.port=0", "camunda.bpm.generate-unique-process-engine-name=true",
            "camunda.bpm.job-execution.enabled=false")
        .run();
    context.close();
    return context;
  }

  private static String[] properties(Map<String, String> settings) {
    return settings.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toArray(String[]::new);
  }

  private static String rootMessage(Throwable failure) {
    Throwable t = failure;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
