package io.partnerflow.mail;

/** A scheduled reader of a mailbox over IMAP; health checks and metrics read its {@link MailboxPolling}. */
public interface MailboxPoller {

  MailboxPolling polling();
}
