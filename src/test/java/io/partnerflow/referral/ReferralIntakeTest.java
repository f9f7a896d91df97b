package io.partnerflow.referral;

import static io.partnerflow.referral.ReferralTestData.spanishRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** Validation, storage and the process start of an incoming referral, on H2 with a stand-in engine. */
class ReferralIntakeTest {

  private static final Instant NOW = Instant.parse("2026-03-04T09:30:00Z");

  private RuntimeService runtimeService;
  private ReferralRegistry registry;
  private ReferralIntake intake;

  @BeforeEach
  void setUp() {
    DataSource dataSource = ReferralTestData.database();
    registry = new ReferralRegistry(JdbcClient.create(dataSource), Clock.fixed(NOW, ZoneOffset.UTC));
    runtimeService = mock(RuntimeService.class);
    ProcessInstance instance = mock(ProcessInstance.class);
    when(instance.getId()).thenReturn("pi-1");
    when(runtimeService.startProcessInstanceByKey(anyString(), anyString(), any(Map.class))).thenReturn(instance);
    intake = new ReferralIntake(registry, new ReferralStarter(runtimeService),
        new DataSourceTransactionManager(dataSource));
  }

  @Test
  @SuppressWarnings("unchecked")
  void storesTheReferralAsNewAndStartsItsProcessWithTheVariables() {
    Referral r = intake.receive(new NewReferral("  Contoso Ibérica ", "Lucía", "García", " lucia@contoso.example ",
        "+34 915 123 456", "es", "ES", "Need\r\nmore ", "api", "crm-4711"));

    assertThat(r.status()).isEqualTo(ReferralStatus.NEW);
    assertThat(r.processInstanceId()).isEqualTo("pi-1");
    assertThat(r.companyName()).isEqualTo("Contoso Ibérica");
    assertThat(r.contactEmail()).isEqualTo("lucia@contoso.example");
    assertThat(r.country()).isEqualTo("ES");
    assertThat(r.language()).isEqualTo("es");
    assertThat(r.need()).isEqualTo("Need\nmore");
    assertThat(r.source()).isEqualTo("API");
    assertThat(r.receivedAt()).isEqualTo(NOW);

    ArgumentCaptor<Map<String, Object>> variables = ArgumentCaptor.forClass(Map.class);
    // The company is the business key people read in Tasklist and Cockpit; the referral id is a variable
    verify(runtimeService).startProcessInstanceByKey(eq(ReferralProcess.PROCESS_KEY), eq("Contoso Ibérica"),
        variables.capture());
    Map<String, Object> v = variables.getValue();
    assertThat(ReferralProcess.REFERRAL_ID.from(v)).isEqualTo(r.id());
    assertThat(ReferralProcess.COMPANY_NAME.from(v)).isEqualTo("Contoso Ibérica");
    assertThat(ReferralProcess.CONTACT_FIRST_NAME.from(v)).isEqualTo("Lucía");
    assertThat(ReferralProcess.CONTACT_LAST_NAME.from(v)).isEqualTo("García");
    assertThat(ReferralProcess.CONTACT_EMAIL.from(v)).isEqualTo("lucia@contoso.example");
    assertThat(ReferralProcess.CONTACT_PHONE.from(v)).isEqualTo("+34 915 123 456");
    assertThat(ReferralProcess.COUNTRY.from(v)).isEqualTo("ES");
    assertThat(ReferralProcess.LANGUAGE.from(v)).isEqualTo("es");
    assertThat(ReferralProcess.NEED.from(v)).isEqualTo("Need\nmore");
  }

  @Test
  @SuppressWarnings("unchecked")
  void theSameExternalReferenceTwiceIsTheSameReferralAndOneProcess() {
    Referral first = intake.receive(spanishRequest("Contoso", "lucia@contoso.example", "crm-1"));
    Referral again = intake.receive(spanishRequest("Contoso (resent)", "lucia@contoso.example", "crm-1"));
    Referral other = intake.receive(spanishRequest("Contoso", "lucia@contoso.example", null));

    assertThat(again).isEqualTo(first);
    assertThat(other.id()).isNotEqualTo(first.id());
    verify(runtimeService, times(2)).startProcessInstanceByKey(eq(ReferralProcess.PROCESS_KEY), eq("Contoso"),
        any(Map.class));
    assertThat(registry.search(null, null, 0, 10).total()).isEqualTo(2);
  }

  @Test
  void everyBrokenRuleNamesItsFieldAndNothingIsStored() {
    NewReferral bad = new NewReferral(" ", "x".repeat(51), "y".repeat(51), "not-an-email", "call me",
        "Spain", "de", "n".repeat(4001), "FAX", "r".repeat(201));

    assertThatThrownBy(() -> intake.receive(bad))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(v -> v.field() + "/" + v.rule())
            .containsExactly("companyName/required", "contactFirstName/max-length", "contactLastName/max-length",
                "contactEmail/email-format", "contactPhone/phone-format", "country/country-code",
                "language/language", "need/max-length", "source/source", "externalReference/max-length"));
    verify(runtimeService, never()).startProcessInstanceByKey(anyString(), anyString(), any(Map.class));
    assertThat(registry.search(null, null, 0, 10).total()).isZero();
  }

  @Test
  void missingEmailAndTooLongCompanyAreReported() {
    NewReferral bad = new NewReferral("c".repeat(256), null, null, null, null, null, null, null, "EMAIL", null);

    assertThatThrownBy(() -> intake.receive(bad))
        .isInstanceOfSatisfying(ValidationException.class, e -> assertThat(e.violations())
            .extracting(Violation::field, Violation::rule)
            .containsExactly(org.assertj.core.groups.Tuple.tuple("companyName", "max-length"),
                org.assertj.core.groups.Tuple.tuple("contactEmail", "required")));
  }

  @Test
  void optionalFieldsMayBeLeftOutAndLimitsAreInclusive() {
    Referral r = intake.receive(new NewReferral("c".repeat(255), "f".repeat(50), null, "a@b.example", null, null,
        null, "n".repeat(4000), "EMAIL", null));

    assertThat(r.companyName()).hasSize(255);
    assertThat(r.country()).isNull();
    assertThat(r.language()).isNull();
    assertThat(r.source()).isEqualTo("EMAIL");
  }
}
