package io.partnerflow.mail;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Comparator;
import java.util.List;

/**
 * In-process SMTP + IMAP server (GreenMail) on the loopback interface. Authentication is off: every
 * recipient gets a mailbox, and IMAP accepts any password for it.
 */
public class EmbeddedMailServer {

  public static final String HOST = "127.0.0.1";

  private final int smtpPort;
  private final int imapPort;
  private final GreenMail greenMail;

  /** Ports of 0 are replaced by free ones now, so callers know the real ports before start. */
  public EmbeddedMailServer(int smtpPort, int imapPort) {
    this.smtpPort = smtpPort > 0 ? smtpPort : freePort();
    this.imapPort = imapPort > 0 ? imapPort : freePort();
    ServerSetup[] setups = {
      new ServerSetup(this.smtpPort, HOST, ServerSetup.PROTOCOL_SMTP),
      new ServerSetup(this.imapPort, HOST, ServerSetup.PROTOCOL_IMAP)
    };
    this.greenMail =
        new GreenMail(setups)
            .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
  }

  public void start() {
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

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(HOST))) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("No free port for the embedded mail server", e);
    }
  }
}
