package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationProcess.*;

import io.partnerflow.process.BusinessKeys;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * The one place a reply triage ({@value InvitationProcess#TRIAGE_PROCESS_KEY}) starts: a reply the
 * poller could not act on, with the mail and the invitation it matched (if any).
 */
@Component
public class ReplyTriageStarter {

  private final RuntimeService runtimeService;

  public ReplyTriageStarter(RuntimeService runtimeService) {
    this.runtimeService = runtimeService;
  }

  /** The invitation's domain when the mail matched one, else the sender, else the mail's id. */
  static String businessKey(ReadReply reply) {
    return BusinessKeys.of(reply.invitation().map(Invitation::domainPrefix).orElse(null), reply.mail().from(),
        reply.mail().messageId());
  }

  static VariableMap variables(ReadReply reply, String problem) {
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
    return variables;
  }

  /** Starts the triage; returns the instance's id. */
  public String start(ReadReply reply, String problem) {
    return runtimeService.startProcessInstanceByKey(TRIAGE_PROCESS_KEY, businessKey(reply), variables(reply, problem))
        .getId();
  }
}
