package io.partnerflow.invitation;

import io.partnerflow.mail.EmbeddedMailServer;
import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads new mail in the invitation reply mailbox over IMAP and hands each reply, as
 * {@link InboundReplies} reads it, to the {@link InvitationReplyHandler}. Table
 * {@code processed_mail} (by Message-ID) is what guarantees a reply is handled once, across
 * restarts and nodes; the handler's work and that row commit in one transaction. \Seen only
 * narrows each poll to new mail, so a mail someone marks as read by hand is not picked up until it
 * is marked unread again.
 *
 * <p>Runs on a schedule ({@link ReplyPollingConfiguration}) unless
 * {@code partnerflow.invitation.imap.enabled=false}; {@link #pollOnce()} works either way.
 */
@Component
public class ReplyPoller {

  private static final Logger log = LoggerFactory.getLogger(ReplyPoller.class);
  static final String FOLDER = "INBOX";
  static final int MAX_OUTCOME_LENGTH = 200;
  /** Mails fetched per IMAP command; bounds the memory a backlog takes. */
  static final int FETCH_BATCH = 25;
  /** Bigger mails (attachments) are not fetched whole: only their text part is read. */
  static final int PREFETCH_MAX_SIZE = 512 * 1024;

  private final ImapProperties imap;
  private final InvitationProperties invitations;
  private final ReplyReader reader;
  private final ObjectProvider<InvitationReplyHandler> handler;
  private final ObjectProvider<EmbeddedMailServer> embeddedServer;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final AtomicBoolean reportedIdle = new AtomicBoolean();

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
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /** Where the mailbox is, as resolved from the properties and the embedded server. */
  record Mailbox(String protocol, String host, int port, String username, String password) {}

  /**
   * Handles every unseen, not yet processed mail once.
   *
   * @return how many mails the handler took (a mail it threw on is not counted and stays for the
   *     next poll)
   */
  public synchronized int pollOnce() {
    InvitationReplyHandler replyHandler = handler.getIfAvailable();
    Optional<Mailbox> mailbox = mailbox();
    if (replyHandler == null || mailbox.isEmpty()) {
      if (reportedIdle.compareAndSet(false, true)) {
        log.info("Not reading invitation replies: {}",
            replyHandler == null ? "no InvitationReplyHandler" : "no IMAP host or mailbox configured");
      }
      return 0;
    }
    Mailbox box = mailbox.get();
    Store store = null;
    Folder inbox = null;
    int handled = 0;
    try {
      store = session(box).getStore(box.protocol());
      store.connect(box.host(), box.port(), box.username(), box.password());
      inbox = store.getFolder(FOLDER);
      inbox.open(Folder.READ_WRITE);
      Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
      List<Message> done = new ArrayList<>();
      for (int from = 0; from < unseen.length; from += FETCH_BATCH) {
        Message[] batch = Arrays.copyOfRange(unseen, from, Math.min(unseen.length, from + FETCH_BATCH));
        prefetch(inbox, batch);
        for (Message message : batch) {
          // One bad mail must not keep the others from being read
          try {
            Boolean result = handle(message, box, replyHandler);
            if (result != null) {
              done.add(message);
              handled += result ? 1 : 0;
            }
          } catch (Exception e) {
            log.warn("Could not handle mail #{} in {}; retrying it on the next poll", message.getMessageNumber(),
                box.username(), e);
          }
        }
      }
      if (!done.isEmpty()) {
        // One command for all; should it fail, processed_mail still keeps them from a second handling
        inbox.setFlags(done.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
      }
      return handled;
    } catch (MessagingException e) {
      log.warn("Could not read the invitation reply mailbox {} at {}:{}: {}", box.username(), box.host(),
          box.port(), e.toString());
      return handled;
    } finally {
      close(inbox, store);
    }
  }

  /**
   * @return true if handled now, false if it had been handled before (or concurrently elsewhere),
   *     null if the handler failed and the mail stays unseen for the next poll
   */
  private Boolean handle(Message message, Mailbox box, InvitationReplyHandler replyHandler)
      throws MessagingException {
    String messageId = InboundReplies.messageId(message);
    if (isProcessed(messageId)) {
      return false; // only the \Seen flag was lost, e.g. by a crash in between
    }
    ReadReply reply = reader.read(InboundReplies.toReply(message, messageId, clock));
    String outcome;
    try {
      outcome = transaction.execute(status -> {
        String result = replyHandler.handle(reply);
        record(messageId, box.username(), result);
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

  /**
   * Fetches headers, structure and (for all but big mails) the whole message in one command, so
   * reading a mail needs no further round trips.
   */
  private static void prefetch(Folder inbox, Message[] batch) throws MessagingException {
    FetchProfile headers = new FetchProfile();
    headers.add(FetchProfile.Item.ENVELOPE);
    headers.add(FetchProfile.Item.FLAGS);
    headers.add(FetchProfile.Item.SIZE);
    headers.add(FetchProfile.Item.CONTENT_INFO);
    headers.add(IMAPFolder.FetchProfileItem.HEADERS);
    inbox.fetch(batch, headers);
    Message[] small = Arrays.stream(batch).filter(m -> size(m) <= PREFETCH_MAX_SIZE).toArray(Message[]::new);
    if (small.length > 0) {
      FetchProfile whole = new FetchProfile();
      whole.add(IMAPFolder.FetchProfileItem.MESSAGE);
      inbox.fetch(small, whole);
    }
  }

  private static int size(Message message) {
    try {
      return message.getSize();
    } catch (MessagingException e) {
      return Integer.MAX_VALUE;
    }
  }

  Optional<Mailbox> mailbox() {
    EmbeddedMailServer embedded = embeddedServer.getIfAvailable();
    String host = blankToNull(imap.host());
    if (host == null && embedded != null) {
      host = embedded.host();
    }
    String username = blankToNull(imap.username());
    if (username == null) {
      username = blankToNull(invitations.replyMailbox());
    }
    if (host == null || username == null) {
      return Optional.empty();
    }
    int port = imap.port() > 0 ? imap.port() : embedded != null ? embedded.imapPort() : -1;
    String password = imap.password() == null ? "" : imap.password();
    return Optional.of(new Mailbox(imap.protocol(), host, port, username, password));
  }

  private static Session session(Mailbox box) {
    String p = "mail." + box.protocol() + ".";
    Properties properties = new Properties();
    properties.put("mail.store.protocol", box.protocol());
    properties.put(p + "connectiontimeout", "10000");
    properties.put(p + "timeout", "30000");
    // Reading a body must not mark it \Seen: only a handled mail is marked
    properties.put(p + "peek", "true");
    return Session.getInstance(properties);
  }

  private boolean isProcessed(String messageId) {
    return jdbc.sql("select count(*) from processed_mail where message_id = ?")
        .param(messageId).query(Integer.class).single() > 0;
  }

  private void record(String messageId, String mailbox, String outcome) {
    String value = outcome == null || outcome.isBlank() ? "handled" : outcome.strip();
    jdbc.sql("insert into processed_mail (message_id, mailbox, outcome, processed_at) values (?, ?, ?, ?)")
        .params(messageId, truncate(mailbox, 254), truncate(value, MAX_OUTCOME_LENGTH), Timestamp.from(clock.instant()))
        .update();
  }

  private static void close(Folder inbox, Store store) {
    try {
      if (inbox != null && inbox.isOpen()) {
        inbox.close(false);
      }
    } catch (MessagingException e) {
      log.debug("Closing the reply folder failed", e);
    }
    try {
      if (store != null) {
        store.close();
      }
    } catch (MessagingException e) {
      log.debug("Closing the reply mailbox failed", e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
