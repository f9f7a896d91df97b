package io.partnerflow.mail;

import jakarta.mail.FetchProfile;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.search.FlagTerm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.slf4j.Logger;

/**
 * An open IMAP inbox that hands each unseen mail to a handler and marks \Seen those the handler
 * took. Bodies are read with peek, so reading alone never marks a mail; what guarantees a mail is
 * handled once is the poller's {@link ProcessedMails}. Shared by the pollers of the invitation
 * replies and the referral mails; what a mail means is theirs.
 */
public final class ImapMailbox implements AutoCloseable {

  public static final String FOLDER = "INBOX";
  /** Mails fetched per IMAP command; bounds the memory a backlog takes. */
  public static final int FETCH_BATCH = 25;
  /** Bigger mails (attachments) are not fetched whole: only their text part is read. */
  public static final int PREFETCH_MAX_SIZE = 512 * 1024;

  // Every IMAP connection's timeouts, set here only. Without them JavaMail waits forever: a server
  // that accepts the connection but never answers would hold the scheduler's thread (both pollers
  // share it) for good. A failed poll is simply retried at the next interval (10 s by default), so
  // the bounds are short: a server slower than this is treated as down for this poll.
  /** Opening the TCP connection: a reachable server accepts within milliseconds; 5 s allows a slow network. */
  public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
  /**
   * Silence while waiting for any answer (greeting, login, SEARCH, one FETCH of a batch): per read,
   * not per command, so a big batch that keeps arriving is not cut off.
   */
  public static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
  /** A command that cannot be sent (the server stopped reading); JavaMail closes the socket after it. */
  public static final Duration WRITE_TIMEOUT = Duration.ofSeconds(10);

  /** Where the mailbox is, as resolved from the properties and the embedded server. */
  public record Settings(String protocol, String host, int port, String username, String password) {

    /**
     * The configured mailbox; host and port default to the embedded server's, the username to
     * {@code fallbackUsername}.
     *
     * @return empty when there is no host or no username to read
     */
    public static Optional<Settings> resolve(String protocol, String host, int port, String username,
        String fallbackUsername, String password, EmbeddedMailServer embedded) {
      String resolvedHost = blankToNull(host);
      if (resolvedHost == null && embedded != null) {
        resolvedHost = embedded.host();
      }
      String resolvedUsername = blankToNull(username);
      if (resolvedUsername == null) {
        resolvedUsername = blankToNull(fallbackUsername);
      }
      if (resolvedHost == null || resolvedUsername == null) {
        return Optional.empty();
      }
      int resolvedPort = port > 0 ? port : embedded != null ? embedded.imapPort() : -1;
      return Optional.of(new Settings(protocol, resolvedHost, resolvedPort, resolvedUsername,
          password == null ? "" : password));
    }
  }

  /** What a poller does with one mail. */
  @FunctionalInterface
  public interface MailHandler {
    /**
     * @return true if the mail is done with (handled now or before) and is to be marked \Seen,
     *     false if it stays unseen for the next poll
     */
    boolean handle(Message message) throws Exception;
  }

  private final Settings settings;
  private final Logger log;
  private final Store store;
  private final Folder inbox;

  private ImapMailbox(Settings settings, Logger log, Store store, Folder inbox) {
    this.settings = settings;
    this.log = log;
    this.store = store;
    this.inbox = inbox;
  }

  /**
   * Connects and opens the inbox read-write.
   *
   * @param log where the poller reports, under its own name
   */
  public static ImapMailbox open(Settings settings, Logger log) throws MessagingException {
    Store store = null;
    Folder inbox = null;
    try {
      store = session(settings).getStore(settings.protocol());
      store.connect(settings.host(), settings.port(), settings.username(), settings.password());
      inbox = store.getFolder(FOLDER);
      inbox.open(Folder.READ_WRITE);
      return new ImapMailbox(settings, log, store, inbox);
    } catch (MessagingException | RuntimeException e) {
      close(inbox, store, settings, log);
      throw e;
    }
  }

  /**
   * Hands every unseen mail to the handler, in batches, and marks \Seen in one command all the
   * handler is done with. A mail the handler throws on is logged and stays unseen; it does not keep
   * the others from being read.
   */
  public void handleUnseen(MailHandler handler) throws MessagingException {
    Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
    List<Message> done = new ArrayList<>();
    for (int from = 0; from < unseen.length; from += FETCH_BATCH) {
      Message[] batch = Arrays.copyOfRange(unseen, from, Math.min(unseen.length, from + FETCH_BATCH));
      prefetch(inbox, batch);
      for (Message message : batch) {
        // One bad mail must not keep the others from being read
        try {
          if (handler.handle(message)) {
            done.add(message);
          }
        } catch (Exception e) {
          log.warn("Could not handle mail #{} in {}; retrying it on the next poll", message.getMessageNumber(),
              settings.username(), e);
        }
      }
    }
    if (!done.isEmpty()) {
      // One command for all; should it fail, processed_mail still keeps them from a second handling
      inbox.setFlags(done.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
    }
  }

  @Override
  public void close() {
    close(inbox, store, settings, log);
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

  private static Session session(Settings settings) {
    String p = "mail." + settings.protocol() + ".";
    Properties properties = new Properties();
    properties.put("mail.store.protocol", settings.protocol());
    properties.put(p + "connectiontimeout", String.valueOf(CONNECT_TIMEOUT.toMillis()));
    properties.put(p + "timeout", String.valueOf(READ_TIMEOUT.toMillis()));
    properties.put(p + "writetimeout", String.valueOf(WRITE_TIMEOUT.toMillis()));
    // Reading a body must not mark it \Seen: only a handled mail is marked
    properties.put(p + "peek", "true");
    return Session.getInstance(properties);
  }

  private static void close(Folder inbox, Store store, Settings settings, Logger log) {
    try {
      if (inbox != null && inbox.isOpen()) {
        inbox.close(false);
      }
    } catch (MessagingException e) {
      log.debug("Closing the folder of mailbox {} failed", settings.username(), e);
    }
    try {
      if (store != null) {
        store.close();
      }
    } catch (MessagingException e) {
      log.debug("Closing mailbox {} failed", settings.username(), e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }
}
