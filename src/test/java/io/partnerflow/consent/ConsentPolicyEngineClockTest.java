package io.partnerflow.consent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.partnerflow.config.ClockConfiguration;
import io.partnerflow.validation.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The clock bean follows Camunda's ClockUtil, so process tests that move the engine clock move our rules too. */
class ConsentPolicyEngineClockTest {

  private final Clock clock = new ClockConfiguration().clock();
  private final ConsentPolicy policy = new ConsentPolicy(ConsentPolicyTest.MCA, clock);

  @AfterEach
  void resetEngineClock() {
    ClockUtil.reset();
  }

  @Test
  void clockIsUtcAndReadsTheEngineClock() {
    Instant moved = Instant.parse("2031-03-04T05:06:07Z");
    ClockUtil.setCurrentTime(Date.from(moved));
    assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    assertThat(clock.instant()).isEqualTo(moved);
  }

  @Test
  void movingTheEngineClockMovesWhatCountsAsTheFuture() {
    AgreementConsent consent = new AgreementConsent(true, "2031-03-04", "Lucía", "García", "lucia@contoso.es", null);
    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-03-03T12:00:00Z")));
    assertThat(policy.check(consent)).extracting(Violation::field, Violation::rule)
        .containsExactly(tuple("agreementDateAccepted", "date-in-future"));

    ClockUtil.setCurrentTime(Date.from(Instant.parse("2031-03-04T00:00:01Z")));
    assertThat(policy.check(consent)).isEmpty();
  }
}
