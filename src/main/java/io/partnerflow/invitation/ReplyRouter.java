package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import io.partnerflow.process.BusinessKeys;
import java.util.Locale;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * Acts on invitation replies: a readable answer from the invited admin answers its invitation; any
 * other mail becomes an operator task with the mail attached, never silently dropped.
 */
@Component
public class ReplyRouter implements InvitationReplyHandler {

  private final InvitationAnswerService answers;
  private final RuntimeService runtimeService;

  public ReplyRouter(InvitationAnswerService answers, RuntimeService runtimeService) {
    this.answers = answers;
    this.runtimeService = runtimeService;
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
    InboundReply mail = reply.mail();
    VariableMap variables = Variables.createVariables();
    REPLY_MESSAGE_ID.putIn(variables, mail.messageId());
    REPLY_FROM.putIn(variables, mail.from());
    REPLY_SUBJECT.putIn(variables, mail.subject());
    REPLY_RECEIVED_AT.putIn(variables, mail.receivedAt() == null ? null : mail.receivedAt().toString());
    REPLY_TEXT.putIn(variables, mail.text());
    REPLY_PROBLEM.putIn(variables, problem);
    reply.invitation().ifPresent(invitation -> {
      INVITATION_ID.putIn(variables, invitation.id());
      COMPANY_NAME.putIn(variables, invitation.companyName());
      DOMAIN_PREFIX.putIn(variables, invitation.domainPrefix());
      ADMIN_EMAIL.putIn(variables, invitation.adminEmail());
    });
    // The invitation's domain when the mail matched one, else the sender
    String businessKey = BusinessKeys.of(reply.invitation().map(Invitation::domainPrefix).orElse(null), mail.from(),
        mail.messageId());
    String processInstanceId =
        runtimeService.startProcessInstanceByKey(TRIAGE_PROCESS_KEY, businessKey, variables).getId();
    return "triage:" + problem + ":" + processInstanceId;
  }

  private static boolean sameAddress(String from, String expected) {
    return from != null && expected != null
        && from.trim().toLowerCase(Locale.ROOT).equals(expected.trim().toLowerCase(Locale.ROOT));
  }
}
