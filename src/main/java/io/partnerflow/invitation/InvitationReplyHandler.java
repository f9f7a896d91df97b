package io.partnerflow.invitation;

/** Acts on a reply read from the invitation mailbox; returns the outcome recorded for the mail. */
public interface InvitationReplyHandler {

  String handle(ReadReply reply);
}
