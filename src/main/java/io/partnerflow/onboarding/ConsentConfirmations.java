package io.partnerflow.onboarding;

import io.partnerflow.onboarding.OnboardingProcess.Ids;
import java.time.Instant;
import java.util.Optional;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.history.HistoricActivityInstance;
import org.camunda.bpm.engine.history.UserOperationLogEntry;
import org.springframework.stereotype.Component;

/**
 * Who confirmed the customer agreement, read from the engine's history rather than from variables a
 * client can write: the authenticated user who completed the latest "Confirm customer agreement",
 * as the user operation log recorded it (history level full; the engine logs a completion only
 * when a user is authenticated), and when that task ended.
 */
@Component
public class ConsentConfirmations {

  /** The user who completed the consent task, and when. */
  public record Confirmation(String userId, Instant at) {}

  private final HistoryService history;

  public ConsentConfirmations(HistoryService history) {
    this.history = history;
  }

  /**
   * Empty when the task was never completed, or completed without an authenticated user (engine
   * code, not Tasklist or REST): nobody we could name attested, so the attestation is refused.
   */
  public Optional<Confirmation> latest(String processInstanceId) {
    // Start time first; the occurrence breaks ties when the engine clock stood still (tests)
    Optional<HistoricActivityInstance> task = history.createHistoricActivityInstanceQuery()
        .processInstanceId(processInstanceId).activityId(Ids.CONFIRM_CUSTOMER_AGREEMENT).finished()
        .orderByHistoricActivityInstanceStartTime().desc().orderPartiallyByOccurrence().desc()
        .listPage(0, 1).stream().findFirst();
    if (task.isEmpty() || task.get().getTaskId() == null) {
      return Optional.empty();
    }
    return history.createUserOperationLogQuery().processInstanceId(processInstanceId)
        .taskId(task.get().getTaskId()).operationType(UserOperationLogEntry.OPERATION_TYPE_COMPLETE)
        .list().stream()
        .map(UserOperationLogEntry::getUserId)
        .filter(userId -> userId != null && !userId.isBlank())
        .findFirst()
        .map(userId -> new Confirmation(userId, task.get().getEndTime().toInstant()));
  }
}
