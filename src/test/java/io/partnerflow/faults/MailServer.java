package io.partnerflow.faults;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.HashMap;
import java.util.Map;

/**
 * The "external" mail server the product talks to: GreenMail in the harness's JVM (SMTP behind the
 * {@link SmtpProxy}, IMAP for the product's pollers). What it stored is the truth about what was
 * sent, counted per Message-ID (the product derives it from the mail's idempotency key).
 */
final class MailServer implements AutoCloseable {

  private final GreenMail greenMail;

  MailServer(int smtpPort, int imapPort) {
    greenMail = new GreenMail(new ServerSetup[] {
        new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP),
        new ServerSetup(imapPort, "127.0.0.1", ServerSetup.PROTOCOL_IMAP)});
    greenMail.withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());
    greenMail.start();
  }

  int smtpPort() {
    return greenMail.getSmtp().getPort();
  }

  int imapPort() {
    return greenMail.getImap().getPort();
  }

  /** Copies stored per Message-ID (one recipient per mail in what the suite sends). */
  Map<String, Integer> copiesByMessageId() {
    Map<String, Integer> counts = new HashMap<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      counts.merge(messageId(message), 1, Integer::sum);
    }
    return counts;
  }

  /** The mails stored for this recipient, in the order the server stored them. */
  java.util.List<MimeMessage> messagesTo(String address) {
    java.util.List<MimeMessage> found = new java.util.ArrayList<>();
    for (MimeMessage message : greenMail.getReceivedMessages()) {
      try {
        for (jakarta.mail.Address to : message.getAllRecipients()) {
          if (to instanceof jakarta.mail.internet.InternetAddress a && address.equalsIgnoreCase(a.getAddress())) {
            found.add(message);
            break;
          }
        }
      } catch (MessagingException e) {
        // unreadable: not this recipient's
      }
    }
    return found;
  }

  /** The Message-ID of a stored mail ({@code <none>} or {@code <unreadable>} when it has none). */
  static String messageIdOf(MimeMessage message) {
    return messageId(message);
  }

  /** Forgets every mail (between scenarios). */
  void purge() {
    try {
      greenMail.purgeEmailFromAllMailboxes();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static String messageIdOf(String mailKey) {
    return "<" + mailKey + "@partnerflow>";
  }

  private static String messageId(MimeMessage message) {
    try {
      String id = message.getMessageID();
      return id == null ? "<none>" : id.strip();
    } catch (MessagingException e) {
      return "<unreadable>";
    }
  }

  @Override
  public void close() {
    greenMail.stop();
  }
}
