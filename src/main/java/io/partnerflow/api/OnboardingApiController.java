package io.partnerflow.api;

import io.partnerflow.api.IdempotentStarts.Started;
import io.partnerflow.customer.AccountInfo;
import io.partnerflow.customer.AccountInfoValidator;
import io.partnerflow.onboarding.OnboardingProcess;
import io.partnerflow.onboarding.OnboardingStarter;
import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.headers.Header;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** New-customer onboardings ({@value OnboardingProcess#PROCESS_KEY}) for the partner portal. */
@RestController
@RequestMapping(path = "/api/onboardings", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Onboardings", description = "Start a new-customer onboarding and follow it")
public class OnboardingApiController {

  static final String OPERATION = "start-onboarding";
  static final String PATH = "/api/onboardings/";

  private final AccountInfoValidator validator;
  private final IdempotentStarts starts;
  private final ProcessStatuses statuses;
  private final OnboardingStarter starter;

  public OnboardingApiController(AccountInfoValidator validator, IdempotentStarts starts, ProcessStatuses statuses,
      OnboardingStarter starter) {
    this.validator = validator;
    this.starts = starts;
    this.statuses = statuses;
    this.starter = starter;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "startOnboarding", summary = "Start an onboarding",
      description = "Validates the account info (every broken rule in one 400 problem) and starts "
          + "`customer-onboarding` as the calling user (its initiator). The same Idempotency-Key again answers "
          + "200 with the instance the first call started; nothing is started twice. A domain prefix that "
          + "belongs to an existing customer is not an error: the instance ends at once in an "
          + "\"existing customer\" end event (see its status).")
  @ApiResponse(responseCode = "201", description = "Started",
      headers = @Header(name = "Location", description = "/api/onboardings/{processInstanceId}"))
  @ApiResponse(responseCode = "200", description = "Already started with this Idempotency-Key",
      headers = @Header(name = "Location", description = "/api/onboardings/{processInstanceId}"))
  public ResponseEntity<ProcessStatus> start(
      @Parameter(in = ParameterIn.HEADER, name = IdempotentStarts.HEADER, required = true,
          description = "The client's id of this request (1 to 100 characters)",
          schema = @Schema(type = "string", minLength = 1, maxLength = IdempotentStarts.MAX_KEY_LENGTH))
      @RequestHeader(name = IdempotentStarts.HEADER, required = false) String idempotencyKey,
      @RequestBody OnboardingRequest body,
      HttpServletRequest request) {
    List<Violation> violations = new ArrayList<>(IdempotentStarts.checkKey(idempotencyKey));
    violations.addAll(validator.validate(body.toAccountInfo()));
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    String userId = ApiUser.of(request);
    AccountInfo info = body.toAccountInfo();
    Map<String, Object> startVariables = OnboardingStarter.variables(info);
    Started started = starts.start(idempotencyKey, OPERATION, userId, startVariables,
        () -> starter.startForApi(info, userId).getId());
    // readable by whoever may start it; should the user lack history access, the id still answers
    ProcessStatus status = statuses.find(OnboardingProcess.PROCESS_KEY, started.processInstanceId())
        .orElseGet(() -> ProcessStatus.started(started.processInstanceId(), OnboardingProcess.PROCESS_KEY));
    return StartResponses.started(PATH, started, status);
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getOnboarding", summary = "Where an onboarding stands",
      description = "State, the current steps and who each waits for (a user task's candidate groups or assignee, "
          + "a job's due date and retries, a timer's due date), the end event once ended, and the customer id "
          + "once known.")
  @ApiResponse(responseCode = "200", description = "The onboarding's status")
  public ProcessStatus status(@PathVariable String id) {
    return statuses.find(OnboardingProcess.PROCESS_KEY, id)
        .orElseThrow(() -> new ApiNotFoundException("No onboarding " + id));
  }
}
