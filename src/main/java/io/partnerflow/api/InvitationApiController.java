package io.partnerflow.api;

import io.partnerflow.api.IdempotentStarts.Started;
import io.partnerflow.customer.CustomerRecord;
import io.partnerflow.customer.CustomerRegistry;
import io.partnerflow.invitation.InvitationProcess;
import io.partnerflow.invitation.InvitationRequest;
import io.partnerflow.invitation.InvitationRequestValidator;
import io.partnerflow.invitation.InvitationStarter;
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

/** Invitations to connect ({@value InvitationProcess#PROCESS_KEY}) to an existing customer tenant. */
@RestController
@RequestMapping(path = "/api/invitations", produces = MediaType.APPLICATION_JSON_VALUE)
@Tag(name = "Invitations", description = "Invite an existing customer tenant to a reseller relationship")
public class InvitationApiController {

  static final String OPERATION = "start-invitation";
  static final String PATH = "/api/invitations/";

  private final InvitationRequestValidator validator;
  private final CustomerRegistry customers;
  private final IdempotentStarts starts;
  private final ProcessStatuses statuses;
  private final InvitationStarter starter;

  public InvitationApiController(InvitationRequestValidator validator, CustomerRegistry customers,
      IdempotentStarts starts, ProcessStatuses statuses, InvitationStarter starter) {
    this.validator = validator;
    this.customers = customers;
    this.starts = starts;
    this.statuses = statuses;
    this.starter = starter;
  }

  @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
  @Operation(operationId = "startInvitation", summary = "Invite a customer to connect",
      description = "Validates the request (every broken rule in one 400 problem; a customer that is ours "
          + "already is one of them) and starts `invitation-to-connect` as the calling user. The invitation "
          + "mail goes out a moment later (an asynchronous step). The same Idempotency-Key again answers 200 "
          + "with the instance the first call started.")
  @ApiResponse(responseCode = "201", description = "Started",
      headers = @Header(name = "Location", description = "/api/invitations/{processInstanceId}"))
  @ApiResponse(responseCode = "200", description = "Already started with this Idempotency-Key",
      headers = @Header(name = "Location", description = "/api/invitations/{processInstanceId}"))
  public ResponseEntity<ProcessStatus> start(
      @Parameter(in = ParameterIn.HEADER, name = IdempotentStarts.HEADER, required = true,
          description = "The client's id of this request (1 to 100 characters)",
          schema = @Schema(type = "string", minLength = 1, maxLength = IdempotentStarts.MAX_KEY_LENGTH))
      @RequestHeader(name = IdempotentStarts.HEADER, required = false) String idempotencyKey,
      @RequestBody InvitationApiRequest body,
      HttpServletRequest request) {
    InvitationRequest invitation = body.toInvitationRequest();
    List<Violation> violations = new ArrayList<>(IdempotentStarts.checkKey(idempotencyKey));
    violations.addAll(validator.validate(invitation,
        customers.findByDomainPrefix(invitation.domainPrefix()).map(CustomerRecord::relationship)));
    if (!violations.isEmpty()) {
      throw new ValidationException(violations);
    }
    String userId = ApiUser.of(request);
    boolean includeDelegatedAdmin = Boolean.TRUE.equals(body.includeDelegatedAdmin());
    Map<String, Object> startVariables = InvitationStarter.variables(invitation, null, includeDelegatedAdmin);
    Started started = starts.start(idempotencyKey, OPERATION, userId, startVariables,
        () -> starter.start(invitation, null, includeDelegatedAdmin, userId).getId());
    // readable by whoever may start it; should the user lack history access, the id still answers
    ProcessStatus status = statuses.find(InvitationProcess.PROCESS_KEY, started.processInstanceId())
        .orElseGet(() -> ProcessStatus.started(started.processInstanceId(), InvitationProcess.PROCESS_KEY));
    return StartResponses.started(PATH, started, status);
  }

  @GetMapping("/{id}")
  @Operation(operationId = "getInvitation", summary = "Where an invitation stands",
      description = "State, the current steps and who each waits for (the customer's answer, reminder and expiry "
          + "timers), the end event once ended.")
  @ApiResponse(responseCode = "200", description = "The invitation's status")
  public ProcessStatus status(@PathVariable String id) {
    return statuses.find(InvitationProcess.PROCESS_KEY, id)
        .orElseThrow(() -> new ApiNotFoundException("No invitation " + id));
  }
}
