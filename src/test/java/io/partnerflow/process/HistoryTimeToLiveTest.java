package io.partnerflow.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.annotation.DirtiesContext;

/** The history time-to-live is a setting: every deployed process version gets it at start, whatever its BPMN says. */
@SpringBootTest(properties = "partnerflow.history.time-to-live=P45D")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HistoryTimeToLiveTest {

  @Autowired
  RepositoryService repository;
  @Autowired
  HistoryTimeToLive timeToLive;

  @Test
  void everyProcessVersionKeepsItsHistoryForTheConfiguredDays() {
    assertThat(repository.createProcessDefinitionQuery().list()).isNotEmpty()
        .extracting(ProcessDefinition::getHistoryTimeToLive).containsOnly(45);
  }

  @Test
  void applyingItAgainChangesNothingAndAChangedVersionIsSetBack() {
    ProcessDefinition definition = repository.createProcessDefinitionQuery().latestVersion().list().get(0);
    repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), 7);
    timeToLive.apply();
    timeToLive.apply();
    assertThat(repository.getProcessDefinition(definition.getId()).getHistoryTimeToLive()).isEqualTo(45);
  }

  @Test
  void onlyWholeDaysAreAccepted() {
    assertThatThrownBy(() -> new HistoryTimeToLive(repository, Duration.ofHours(36)))
        .hasMessageContaining("partnerflow.history.time-to-live must be whole days");
    assertThatThrownBy(() -> new HistoryTimeToLive(repository, Duration.ofDays(-1)))
        .hasMessageContaining("whole days");
  }
}
