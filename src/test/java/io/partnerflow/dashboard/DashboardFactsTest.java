package io.partnerflow.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.onboarding.OnboardingDriver;
import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;

/** The dashboard's facts follow the history: new and changed instances after a refresh, no duplicates, old ones gone. */
@SpringBootTest
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DashboardFactsTest {

  @Autowired
  ProcessEngine engine;
  @Autowired
  DashboardFacts facts;
  @Autowired
  JdbcClient jdbc;

  @Test
  void aRefreshRecordsWhatChangedSinceTheLastOneAndOnlyOnce() {
    OnboardingDriver driver = new OnboardingDriver(engine);
    ProcessInstance cancelled = driver.start(OnboardingDriver.spanishAccountInfo(OnboardingDriver.uniqueDomainPrefix("factsc")));
    driver.cancelAgreement(cancelled, "No budget this year");
    ProcessInstance running = driver.start(OnboardingDriver.spanishAccountInfo(OnboardingDriver.uniqueDomainPrefix("factsr")));

    facts.refresh();
    assertThat(fact(cancelled)).containsEntry("END_EVENT", Ids.END_ONBOARDING_CANCELLED).containsEntry("STAGE", 0)
        .containsEntry("REASON", "No budget this year");
    assertThat(fact(running)).containsEntry("END_EVENT", null).containsEntry("STAGE", 0);
    assertThat(facts.refreshedTo()).isNotNull();

    // The running one moves on: its furthest milestone follows at the next refresh, not before
    driver.confirmAgreement(running, LocalDate.now(ZoneOffset.UTC));
    driver.selectReseller(running, OnboardingDriver.RESELLER_ADATUM);
    assertThat(fact(running)).containsEntry("STAGE", 0);
    facts.refresh();
    facts.refresh();
    assertThat(fact(running)).containsEntry("STAGE", 2);
    assertThat(jdbc.sql("select count(*) from dashboard_instance where id in (?, ?)")
        .params(cancelled.getId(), running.getId()).query(Long.class).single()).isEqualTo(2);
    // Its completed tasks are facts too: agreement and reseller, each waited until completed (no claim)
    assertThat(jdbc.sql("select count(*) from dashboard_task where id in (select id_ from act_hi_taskinst "
        + "where proc_inst_id_ = ?) and claimed_at is null and working_s = 0").param(running.getId())
        .query(Long.class).single()).isEqualTo(2);
  }

  @Test
  void factsOlderThanTheHistoryTimeToLiveAreRemoved() {
    OnboardingDriver driver = new OnboardingDriver(engine);
    ProcessInstance old = driver.start(OnboardingDriver.spanishAccountInfo(OnboardingDriver.uniqueDomainPrefix("factso")));
    driver.cancelAgreement(old, "Chose another partner");
    facts.refresh();
    // As if it had ended 181 days ago (the time-to-live is 180 days), in history and in the facts
    Timestamp longAgo = Timestamp.from(Instant.now().minus(181, ChronoUnit.DAYS));
    jdbc.sql("update act_hi_procinst set start_time_ = ?, end_time_ = ? where id_ = ?")
        .params(longAgo, longAgo, old.getId()).update();
    jdbc.sql("update dashboard_instance set started_at = ?, ended_at = ? where id = ?")
        .params(longAgo, longAgo, old.getId()).update();
    facts.refresh();
    assertThat(jdbc.sql("select count(*) from dashboard_instance where id = ?").param(old.getId())
        .query(Long.class).single()).isZero();
  }

  private Map<String, Object> fact(ProcessInstance pi) {
    Map<String, Object> row = jdbc.sql("select end_event, stage, reason from dashboard_instance where id = ?")
        .param(pi.getId()).query().singleRow();
    java.util.Map<String, Object> upper = new java.util.HashMap<>();
    row.forEach((k, v) -> upper.put(k.toUpperCase(java.util.Locale.ROOT), v instanceof Number n ? n.intValue() : v));
    return upper;
  }
}
