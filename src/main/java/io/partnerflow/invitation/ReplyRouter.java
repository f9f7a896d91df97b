package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import java.util.Locale;
import org.springframework.stereotype.Component;

/**
 * Acts on invitation replies: a readable answer from the invited admin answers its invitation; any
 * other mail becomes an operator task with the mail attached, never silently dropped.
 */
@Component
public class ReplyRouter implements InvitationReplyHandler {

  private final InvitationAnswerService answers;
  private final ReplyTriageStarter triage;

  public ReplyRouter(InvitationAnswerService answers, ReplyTriageStarter triage) {
    this.answers = answers;
    this.triage = triage;
  }

  @Override
  public String handle(ReadReply reply) {
    if (reply.invitation().isEmpty()) {
      return triage(reply, PROBLEM_UNMATCHED);
    }
    Invitation invitation = reply.invitation().get();
    if (reply.answer().isEmpty()) {
      return triage(reply, PROBLEM_UNREADABLE);
    }
    if (!sameAddress(reply.mail().from(), invitation.adminEmail())) {
      return triage(reply, PROBLEM_OTHER_SENDER);
    }
    AnswerOutcome outcome = answers.answerByInvitationId(invitation.id(),
        new Answer(reply.answer().get(), AnswerChannel.EMAIL, invitation.adminName(), reply.mail().from(), null, null));
    return outcome.name();
  }

  private String triage(ReadReply reply, String problem) {
    return "triage:" + problem + ":" + triage.start(reply, problem);
  }

  private static boolean sameAddress(String from, String expected) {
    return from != null && expected != null
        && from.trim().toLowerCase(Locale.ROOT).equals(expected.trim().toLowerCase(Locale.ROOT));
  }
}
