package io.partnerflow.invitation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** The back-off of the looks at Microsoft: doubling from the first wait, never above the longest. */
class MicrosoftCheckPropertiesTest {

  @Test
  void waitsDoubleFromFiveMinutesUpToAnHour() {
    MicrosoftCheckProperties checks = new MicrosoftCheckProperties(Duration.ofMinutes(5), Duration.ofHours(1));
    assertThat(LongStream.range(0, 7).mapToObj(checks::waitAfter)).containsExactly(Duration.ofMinutes(5),
        Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofMinutes(40), Duration.ofHours(1),
        Duration.ofHours(1), Duration.ofHours(1));
    assertThat(checks.waitAfter(10_000)).isEqualTo(Duration.ofHours(1));
    assertThat(new InvitationTimers(null, checks).microsoftCheck(1)).isEqualTo("PT10M");
  }

  @Test
  void refusesAFirstWaitLongerThanTheLongest() {
    assertThatThrownBy(() -> new MicrosoftCheckProperties(Duration.ofHours(2), Duration.ofHours(1)))
        .hasMessageContaining("longest at least first");
  }
}
