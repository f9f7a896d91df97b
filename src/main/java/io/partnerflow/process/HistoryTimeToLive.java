package io.partnerflow.process;

import java.time.Duration;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.ProcessDefinition;
import org.camunda.bpm.spring.boot.starter.event.PostDeployEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * How long the engine keeps a finished instance's history: {@code partnerflow.history.time-to-live}
 * (whole days), set on every deployed version of every process at start, so that changing the
 * setting needs no new deployment. Camunda's history cleanup (its batch window,
 * {@code camunda.bpm.generic-properties.properties.history-cleanup-batch-window-*}) removes what is
 * older; instances that ended before a change keep the removal time they ended with.
 */
@Component
public class HistoryTimeToLive {

  private static final Logger LOG = LoggerFactory.getLogger(HistoryTimeToLive.class);

  private final RepositoryService repository;
  private final int days;

  public HistoryTimeToLive(RepositoryService repository,
      @Value("${partnerflow.history.time-to-live:P180D}") Duration timeToLive) {
    if (timeToLive.isNegative() || timeToLive.toSeconds() % 86_400 != 0) {
      throw new IllegalStateException("partnerflow.history.time-to-live must be whole days (e.g. P180D), not "
          + timeToLive);
    }
    this.repository = repository;
    this.days = (int) timeToLive.toDays();
  }

  @EventListener(PostDeployEvent.class)
  public void apply() {
    int changed = 0;
    for (ProcessDefinition definition : repository.createProcessDefinitionQuery().list()) {
      if (definition.getHistoryTimeToLive() == null || definition.getHistoryTimeToLive() != days) {
        repository.updateProcessDefinitionHistoryTimeToLive(definition.getId(), days);
        changed++;
      }
    }
    if (changed > 0) {
      LOG.info("History time-to-live set to {} days on {} process definition version(s)", days, changed);
    }
  }

  public int days() {
    return days;
  }
}
