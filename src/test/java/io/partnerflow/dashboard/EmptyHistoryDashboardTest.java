package io.partnerflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** A new installation: no instance in history yet, no refresh yet. The dashboard says so rather than failing. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class EmptyHistoryDashboardTest {

  @Autowired
  Dashboard dashboard;
  @Autowired
  DashboardProperties properties;

  @Test
  void everySectionIsComputedAndTheHistorySaysItIsEmpty() {
    List<Section> sections = dashboard.sections(DashboardPeriod.of(null, null, null, Instant.now(), properties));
    assertThat(sections).extracting(Section::id).containsExactlyElementsOf(Dashboard.SECTION_IDS);
    assertThat(sections.get(sections.size() - 1).summary()).startsWith("History is empty");
    assertThat(dashboard.historyAsOf()).isNull();
    assertThat(sections.get(1).summary()).isEqualTo("0 onboardings started in the period");
  }
}
