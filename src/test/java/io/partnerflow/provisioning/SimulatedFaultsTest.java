package io.partnerflow.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerflow.testsupport.MutableClock;
import io.partnerflow.validation.Violation;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The fault switch on its own: counting, the period by our clock, and what it refuses. */
class SimulatedFaultsTest {

  private static final Instant START = Instant.parse("2026-03-04T09:30:00Z");


  private final MutableClock clock = new MutableClock(START);

  @Test
  void failNextFailsExactlyThatManyCallsThenLetsThemThrough() {
    SimulatedFaults faults = new SimulatedFaults(clock, new PartnerCenterFaults(2, null, null));

    assertThat(faults.failBeforeWork()).hasValueSatisfying(reason -> assertThat(reason).contains("fail-next", "1 more"));
    assertThat(faults.state().failNext()).isEqualTo(1);
    assertThat(faults.failBeforeWork()).hasValueSatisfying(reason -> assertThat(reason).contains("0 more"));
    assertThat(faults.failBeforeWork()).isEmpty();
    assertThat(faults.failBeforeWork()).isEmpty();
    assertThat(faults.state().failNext()).isZero();
  }

  @Test
  void failForFailsEveryCallUntilThePeriodFromWhenItWasSetIsOver() {
    SimulatedFaults faults = new SimulatedFaults(clock, PartnerCenterFaults.NONE);
    clock.set(START.plusSeconds(60));
    faults.set(new PartnerCenterFaults(0, Duration.ofMinutes(2), null));

    assertThat(faults.state().failingUntil()).isEqualTo(START.plusSeconds(180));
    assertThat(faults.failBeforeWork()).hasValueSatisfying(reason -> assertThat(reason).contains("fail-for"));
    clock.set(START.plusSeconds(179));
    assertThat(faults.failBeforeWork()).isPresent();
    clock.set(START.plusSeconds(180));
    assertThat(faults.failBeforeWork()).isEmpty();
  }

  @Test
  void configuredFailForCountsFromTheStart() {
    SimulatedFaults faults = new SimulatedFaults(clock, new PartnerCenterFaults(0, Duration.ofMinutes(5), null));

    assertThat(faults.state().failingUntil()).isEqualTo(START.plus(Duration.ofMinutes(5)));
  }

  @Test
  void settingFaultsReplacesAllOfThemAndEmptySettingsSwitchEverythingOff() {
    SimulatedFaults faults = new SimulatedFaults(clock,
        new PartnerCenterFaults(3, Duration.ofHours(1), Duration.ofSeconds(3)));

    faults.set(new PartnerCenterFaults(0, null, null));

    assertThat(faults.state()).isEqualTo(new SimulatedFaults.State(0, Duration.ZERO, null, Duration.ZERO));
    assertThat(faults.failBeforeWork()).isEmpty();
    assertThat(faults.timeoutAfterWork()).isZero();
  }

  @Test
  void invalidSettingsNameTheirFieldsAndAreNotApplied() {
    PartnerCenterFaults invalid = new PartnerCenterFaults(-1, Duration.ofSeconds(-5), Duration.ofMinutes(2));
    SimulatedFaults faults = new SimulatedFaults(clock, new PartnerCenterFaults(1, null, null));

    assertThat(invalid.violations()).extracting(Violation::field)
        .containsExactly("failNext", "failFor", "timeoutAfterWork");
    assertThatThrownBy(() -> faults.set(invalid)).isInstanceOf(IllegalArgumentException.class);
    assertThat(faults.state().failNext()).isEqualTo(1);
    assertThat(new PartnerCenterFaults(0, null, PartnerCenterFaults.MAX_TIMEOUT_AFTER_WORK).violations()).isEmpty();
  }

  @Test
  void anInvalidConfigurationStopsTheStartNamingTheProperty() {
    assertThatThrownBy(() -> new SimulatedPartnerCenter(new PartnerCenterFaults(-2, null, null), null, clock, null))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("partnerflow.partner-center.simulated.fail-next");
  }
}
