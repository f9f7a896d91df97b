package io.partnerflow.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.imap.ImapHostManager;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.user.UserException;
import com.icegreen.greenmail.user.UserManager;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.partnerflow.mail.MailStore.StoredMail;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In-process SMTP + IMAP server (GreenMail) on the loopback interface. Authentication is off: every
 * recipient gets a mailbox, and IMAP accepts any password for it.
 *
 * <p>With a store folder, every mail received over SMTP is also written there ({@link MailStore})
 * and put back into the same mailboxes, in the same order and with the same received dates, at the
 * next start, before the ports open. Mails come back unread: what keeps the pollers from handling
 * one twice is table {@code processed_mail} ({@link ProcessedMails}), not the \Seen flag. What IMAP
 * clients change (flags, deletions, other folders) is not stored.
 */
public class EmbeddedMailServer {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMailServer.class);

  public static final String HOST = "127.0.0.1";
  /**
   * How long start() waits for the ports to open. GreenMail's 2 s default was too short on a busy
   * CI machine (a test failed with "Could not start mail server").
   */
  static final long STARTUP_TIMEOUT_MILLIS = 30_000;

  private final int smtpPort;
  private final int imapPort;
  private final GreenMail greenMail;
  private final MailStore store;

  /** Mail in memory only. Ports of 0 are replaced by free ones now, so callers know the real ports before start. */
  public EmbeddedMailServer(int smtpPort, int imapPort) {
    this(smtpPort, imapPort, null);
  }

  /**
   * @param storeFolder where received mail is kept across restarts; null = in memory only
   */
  public EmbeddedMailServer(int smtpPort, int imapPort, Path storeFolder) {
    this.store = storeFolder == null ? null : MailStore.open(storeFolder, Clock.systemUTC());
    this.smtpPort = smtpPort > 0 ? smtpPort : freePort();
    this.imapPort = imapPort > 0 ? imapPort : freePort();
    ServerSetup[] setups = {
      new ServerSetup(this.smtpPort, HOST, ServerSetup.PROTOCOL_SMTP),
      new ServerSetup(this.imapPort, HOST, ServerSetup.PROTOCOL_IMAP)
    };
    for (ServerSetup setup : setups) {
      setup.setServerStartupTimeout(STARTUP_TIMEOUT_MILLIS);
    }
    this.greenMail =
        new GreenMail(setups)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
  }

  /** Restores the stored mail (GreenMail starts empty, also after a stop), then opens the ports. */
  public void start() {
    if (store != null) {
      UserManager users = greenMail.getManagers().getUserManager();
      ImapHostManager folders = greenMail.getManagers().getImapHostManager();
      restore(users, folders);
      users.setMessageDeliveryHandler(new StoringDelivery(users.getMessageDeliveryHandler(), store, folders));
    }
    greenMail.start();
  }

  public void stop() {
    greenMail.stop();
  }

  public boolean isRunning() {
    return greenMail.isRunning();
  }

  public String host() {
    return HOST;
  }

  public int smtpPort() {
    return smtpPort;
  }

  public int imapPort() {
    return imapPort;
  }

  /**
   * All mails received so far, oldest first, so an index into this list stays stable as mail
   * arrives. (GreenMail's own list is grouped by mailbox, which would shift indexes.)
   */
  public List<MimeMessage> receivedMessages() {
    return greenMail.getManagers().getImapHostManager().getAllMessages().stream()
        .sorted(Comparator.comparing(StoredMessage::getReceivedDate))
        .map(StoredMessage::getMimeMessage)
        .toList();
  }

  /** Where received mail is kept, null when in memory only. */
  public Path storeFolder() {
    return store == null ? null : store.folder();
  }

  private void restore(UserManager users, ImapHostManager folders) {
    List<StoredMail> mails = store.mails();
    for (StoredMail mail : mails) {
      try {
        StoringDelivery.append(folders, user(users, mail.mailbox()), mail.message(), mail.received());
      } catch (IOException | UserException | RuntimeException e) {
        // One unreadable file must not cost the others (nor the start)
        log.warn("Could not restore stored mail {}: {}", mail.mime(), e.toString());
      }
    }
    if (!mails.isEmpty()) {
      log.info("Restored {} mails from {}", mails.size(), store.folder());
    }
  }

  /** The mailbox's user, created as GreenMail creates one for a new recipient (login and password = the address). */
  private static GreenMailUser user(UserManager users, String mailbox) throws UserException {
    GreenMailUser user = users.getUserByEmail(mailbox);
    return user != null ? user : users.createUser(mailbox, mailbox, mailbox);
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the embedded mail server", e);
    }
  }
}
