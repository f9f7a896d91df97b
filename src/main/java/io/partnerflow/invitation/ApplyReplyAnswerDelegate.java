package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import io.partnerflow.invitation.InvitationProcess.Decisions;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * "Apply the customer's answer": the operator read a reply and decided what it says. The first
 * answer still wins: an invitation answered meanwhile stays as it is (recorded as the outcome).
 */
@Component
public class ApplyReplyAnswerDelegate implements JavaDelegate {

  private final InvitationAnswerService answers;

  public ApplyReplyAnswerDelegate(InvitationAnswerService answers) {
    this.answers = answers;
  }

  @Override
  public void execute(DelegateExecution execution) {
    String invitationId = INVITATION_ID.from(execution); // optional: a reply may match no invitation
    if (invitationId == null) {
      REPLY_OUTCOME.set(execution, AnswerOutcome.UNKNOWN.name());
      return;
    }
    AnswerType type = Decisions.REPLY_ACCEPT.equals(REPLY_DECISION.get(execution)) ? AnswerType.ACCEPT : AnswerType.DECLINE;
    AnswerOutcome outcome = answers.answerByInvitationId(invitationId,
        new Answer(type, AnswerChannel.EMAIL, null, REPLY_FROM.get(execution), null, null));
    REPLY_OUTCOME.set(execution, outcome.name());
  }
}
