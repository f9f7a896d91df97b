package io.partnerflow.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/**
 * Where a process instance stands: its state, the steps it is at now and what each waits for, or
 * the end event it ended in.
 *
 * @param state ACTIVE, SUSPENDED, COMPLETED, EXTERNALLY_TERMINATED or INTERNALLY_TERMINATED
 * @param customerId the customer the instance created or found, once known
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Where a process instance stands")
public record ProcessStatus(
    String processInstanceId,
    String processDefinitionKey,
    @Schema(allowableValues = {"ACTIVE", "SUSPENDED", "COMPLETED", "EXTERNALLY_TERMINATED", "INTERNALLY_TERMINATED"})
    String state,
    Instant startedAt,
    String startedBy,
    Instant endedAt,
    @Schema(description = "The steps the instance is at now (empty once it ended)")
    List<Step> currentSteps,
    @Schema(description = "The end event the instance ended in")
    EndEvent endEvent,
    String customerId) {

  /** Only the id and key: for a started instance the user cannot read. */
  static ProcessStatus started(String processInstanceId, String processDefinitionKey) {
    return new ProcessStatus(processInstanceId, processDefinitionKey, null, null, null, null, null, null, null);
  }

  /** One active step (activity instance, or an asynchronous continuation waiting for its job). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Step(String activityId, String activityName, String activityType, Waiting waitingFor,
      @Schema(description = "Timers attached to the step (reminders, deadlines)") List<Timer> timers) {}

  /**
   * Who or what the step waits for.
   *
   * @param kind user-task, job, timer, message or other
   * @param who e.g. "group operators", "user anna", "system (async step)", "timer", "message X"
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Waiting(
      @Schema(allowableValues = {"user-task", "job", "timer", "message", "other"}) String kind,
      String who,
      List<String> candidateGroups,
      List<String> candidateUsers,
      String assignee,
      String taskId,
      Instant dueDate,
      Integer retries,
      @Schema(description = "The last failure of a job, when it failed") String error) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Timer(String activityId, String activityName, Instant dueDate) {}

  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record EndEvent(String activityId, String activityName) {}
}
