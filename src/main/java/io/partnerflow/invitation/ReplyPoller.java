package io.partnerflow.invitation;

import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.mail.ImapMailbox;
import io.partnerflow.mail.MailboxPoller;
import io.partnerflow.mail.MailboxPolling;
import io.partnerflow.mail.ProcessedMails;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads new mail in the invitation reply mailbox over IMAP ({@link ImapMailbox}) and hands each
 * reply, as {@link InboundReplies} reads it, to the {@link InvitationReplyHandler}. Table
 * {@code processed_mail} (by Message-ID, {@link ProcessedMails}) is what guarantees a reply is
 * handled once, across restarts and nodes; the handler's work and that row commit in one
 * transaction. \Seen only narrows each poll to new mail, so a mail someone marks as read by hand is
 * not picked up until it is marked unread again.
 *
 * <p>Runs on a schedule ({@link ReplyPollingConfiguration}) unless
 * {@code partnerflow.invitation.imap.enabled=false}; {@link #pollOnce()} works either way. Each poll's
 * result goes to its {@link MailboxPolling} (health and poller lag).
 */
@Component
public class ReplyPoller implements MailboxPoller {

  /** Its name in health and metrics. */
  public static final String NAME = "invitationReplies";

  private static final Logger log = LoggerFactory.getLogger(ReplyPoller.class);

  private final ImapProperties imap;
  private final InvitationProperties invitations;
  private final ReplyReader reader;
  private final ObjectProvider<InvitationReplyHandler> handler;
  private final ObjectProvider<EmbeddedMailServer> embeddedServer;
  private final ProcessedMails processedMails;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final AtomicBoolean reportedIdle = new AtomicBoolean();
  private final MailboxPolling polling;

  public ReplyPoller(
      ImapProperties imap,
      InvitationProperties invitations,
      ReplyReader reader,
      ObjectProvider<InvitationReplyHandler> handler,
      ObjectProvider<EmbeddedMailServer> embeddedServer,
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      Clock clock) {
    this.imap = imap;
    this.invitations = invitations;
    this.reader = reader;
    this.handler = handler;
    this.embeddedServer = embeddedServer;
    this.processedMails = new ProcessedMails(jdbc, clock);
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
    // wall-clock time: the Clock bean follows the engine clock, which process tests move
    this.polling = new MailboxPolling(NAME, imap.enabled(), imap.pollInterval(), Clock.systemUTC());
  }

  @Override
  public MailboxPolling polling() {
    return polling;
  }

  /**
   * Handles every unseen, not yet processed mail once.
   *
   * @return how many mails the handler took (a mail it threw on is not counted and stays for the
   *     next poll)
   */
  public synchronized int pollOnce() {
    InvitationReplyHandler replyHandler = handler.getIfAvailable();
    Optional<ImapMailbox.Settings> mailbox = mailbox();
    if (replyHandler == null || mailbox.isEmpty()) {
      polling.notConfigured();
      if (reportedIdle.compareAndSet(false, true)) {
        log.info("Not reading invitation replies: {}",
            replyHandler == null ? "no InvitationReplyHandler" : "no IMAP host or mailbox configured");
      }
      return 0;
    }
    ImapMailbox.Settings box = mailbox.get();
    int[] handled = {0};
    try (ImapMailbox inbox = ImapMailbox.open(box, log)) {
      inbox.handleUnseen(message -> {
        Boolean result = handle(message, box, replyHandler);
        handled[0] += Boolean.TRUE.equals(result) ? 1 : 0;
        return result != null;
      });
      polling.succeeded();
      return handled[0];
    } catch (RuntimeException e) {
      polling.failed(e.toString());
      throw e;
    } catch (MessagingException e) {
      polling.failed(e.toString());
      log.warn("Could not read the invitation reply mailbox {} at {}:{}: {}", box.username(), box.host(),
          box.port(), e.toString());
      return handled[0];
    }
  }

  /**
   * @return true if handled now, false if it had been handled before (or concurrently elsewhere),
   *     null if the handler failed and the mail stays unseen for the next poll
   */
  private Boolean handle(Message message, ImapMailbox.Settings box, InvitationReplyHandler replyHandler)
      throws MessagingException {
    String messageId = InboundReplies.messageId(message);
    if (processedMails.isProcessed(messageId)) {
      return false; // only the \Seen flag was lost, e.g. by a crash in between
    }
    ReadReply reply = reader.read(InboundReplies.toReply(message, messageId, clock));
    String outcome;
    try {
      outcome = transaction.execute(status -> {
        String result = replyHandler.handle(reply);
        processedMails.record(messageId, box.username(), result);
        return result;
      });
    } catch (DuplicateKeyException e) {
      log.info("Mail {} was handled concurrently elsewhere", messageId);
      return false;
    } catch (RuntimeException e) {
      log.warn("Handling reply {} from {} failed; it stays unread for the next poll", messageId,
          reply.mail().from(), e);
      return null;
    }
    log.info("Handled reply {} from {}: {}", messageId, reply.mail().from(), outcome);
    return true;
  }

  Optional<ImapMailbox.Settings> mailbox() {
    return ImapMailbox.Settings.resolve(imap.protocol(), imap.host(), imap.port(), imap.username(),
        invitations.replyMailbox(), imap.password(), embeddedServer.getIfAvailable());
  }
}
