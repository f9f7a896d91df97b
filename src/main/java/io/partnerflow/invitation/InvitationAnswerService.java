package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import io.partnerflow.invitation.InvitationProcess.Decisions;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Takes a customer's answer, by link or by reply. The registry's conditional update decides which
 * answer is first; the message to the waiting process goes in the same transaction, so an answer
 * is either recorded and delivered, or neither. Every outcome is published as {@link InvitationAnswered}.
 *
 * <p>In api mode (as the instance's send decided, {@code acceptanceFromMicrosoft}) an acceptance is what the
 * customer told us, not yet the relationship: it is recorded and its variables are set on the waiting
 * instance, which keeps waiting until Microsoft shows the relationship. A decline ends the wait as in
 * ledger mode.
 */
@Service
public class InvitationAnswerService {

  private final InvitationRegistry registry;
  private final RuntimeService runtimeService;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  public InvitationAnswerService(InvitationRegistry registry, RuntimeService runtimeService,
      TransactionTemplate transaction, Clock clock, ApplicationEventPublisher events) {
    this.events = events;
    this.registry = registry;
    this.runtimeService = runtimeService;
    this.transaction = transaction;
    this.clock = clock;
  }

  public AnswerOutcome answerByToken(String token, Answer answer) {
    return answer(registry.findByToken(token), answer);
  }

  public AnswerOutcome answerByInvitationId(String invitationId, Answer answer) {
    return answer(registry.find(invitationId), answer);
  }

  /**
   * Why an answer to this invitation would be refused now (unknown, already answered, expired), or
   * empty when it is open for an answer.
   */
  public Optional<AnswerOutcome> refusal(Optional<Invitation> invitation) {
    if (invitation.isEmpty()) {
      return Optional.of(AnswerOutcome.UNKNOWN);
    }
    Invitation found = invitation.get();
    return switch (found.status()) {
      case PENDING -> found.isOpenAt(clock.instant()) ? Optional.empty() : Optional.of(AnswerOutcome.EXPIRED);
      case ACCEPTED, DECLINED -> Optional.of(AnswerOutcome.ALREADY_ANSWERED);
      case EXPIRED, CLOSED -> Optional.of(AnswerOutcome.EXPIRED);
    };
  }

  private AnswerOutcome answer(Optional<Invitation> invitation, Answer answer) {
    AnswerOutcome outcome = decide(invitation, answer);
    events.publishEvent(new InvitationAnswered(answer.channel(), outcome));
    return outcome;
  }

  private AnswerOutcome decide(Optional<Invitation> invitation, Answer answer) {
    Optional<AnswerOutcome> refused = refusal(invitation);
    if (refused.isPresent()) {
      return refused.get();
    }
    Invitation open = invitation.get();
    AnswerOutcome outcome = transaction.execute(status -> {
      if (!registry.claimAnswer(open.id(), answer)) {
        return null;
      }
      if (answer.type() == AnswerType.ACCEPT && microsoftConfirms(open.processInstanceId())) {
        // The customer's word, kept for "Record reseller relationship"; Microsoft ends the wait
        runtimeService.setVariables(open.processInstanceId(), variables(answer));
      } else {
        runtimeService.createMessageCorrelation(MESSAGE_INVITATION_ANSWERED)
            .processInstanceId(open.processInstanceId())
            .setVariables(variables(answer))
            .correlateWithResult();
      }
      return answer.type() == AnswerType.ACCEPT ? AnswerOutcome.ACCEPTED : AnswerOutcome.DECLINED;
    });
    // Lost the race: whoever came first decided; report what the invitation is now
    return outcome != null ? outcome : refusal(registry.find(open.id())).orElse(AnswerOutcome.ALREADY_ANSWERED);
  }

  /**
   * Whether Microsoft confirms this instance's acceptance, as its send decided ({@link MicrosoftRelationships}):
   * a mode switched while it waits strands nothing, and an instance sent before the variable existed
   * waits for the customer's answer.
   */
  private boolean microsoftConfirms(String processInstanceId) {
    return Boolean.TRUE.equals(ACCEPTANCE_FROM_MICROSOFT.from(
        runtimeService.getVariables(processInstanceId, List.of(ACCEPTANCE_FROM_MICROSOFT.name()))));
  }

  private static VariableMap variables(Answer answer) {
    VariableMap variables = Variables.createVariables();
    ANSWER.putIn(variables, answer.type() == AnswerType.ACCEPT ? Decisions.ANSWER_ACCEPTED : Decisions.ANSWER_DECLINED);
    ANSWER_CHANNEL.putIn(variables, answer.channel().name());
    ANSWERED_BY_NAME.putIn(variables, answer.byName());
    ANSWERED_BY_EMAIL.putIn(variables, answer.byEmail());
    DECLINE_REASON.putIn(variables, answer.declineReason());
    AGREEMENT_ACCEPTED_BY_CUSTOMER.putIn(variables, answer.agreementAccepted());
    return variables;
  }
}
