package io.partnerflow.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The fault suite's SMTP proxy does to a real JavaMail client what the scenarios rely on. */
class SmtpProxyTest {

  private MailServer mail;
  private Deliveries deliveries;
  private SmtpProxy proxy;

  @BeforeEach
  void start() throws Exception {
    mail = new MailServer(Rig.freePort(), Rig.freePort());
    deliveries = new Deliveries();
    proxy = new SmtpProxy(Rig.freePort(), mail.smtpPort(), deliveries);
    proxy.up();
  }

  @AfterEach
  void stop() {
    proxy.close();
    mail.close();
  }

  @Test
  void holdsTheFinalReplyOncePerMailWhileTheServerHasStoredIt() throws Exception {
    proxy.holdFinalReply(1500);
    long begin = System.currentTimeMillis();
    Thread sender = new Thread(() -> send("<welcome-1@partnerflow>"));
    sender.start();
    Thread.sleep(700);
    assertThat(mail.copiesByMessageId()).as("stored before the reply").containsEntry("<welcome-1@partnerflow>", 1);
    assertThat(deliveries.firstAcceptedAt("<welcome-1@partnerflow>")).isGreaterThanOrEqualTo(begin);
    sender.join();
    assertThat(System.currentTimeMillis() - begin).isGreaterThanOrEqualTo(1500);

    long again = System.currentTimeMillis();
    send("<welcome-1@partnerflow>");
    assertThat(System.currentTimeMillis() - again).as("a retry of the same mail is answered at once").isLessThan(1000);
    assertThat(mail.copiesByMessageId()).containsEntry("<welcome-1@partnerflow>", 2);
  }

  @Test
  void refusesConnectionsWhileDownAndForwardsAgainWhenUp() throws Exception {
    proxy.down();
    assertThatThrownBy(() -> sendOrThrow("<welcome-2@partnerflow>")).isInstanceOf(MessagingException.class);
    proxy.up();
    sendOrThrow("<welcome-2@partnerflow>");
    assertThat(mail.copiesByMessageId()).containsEntry("<welcome-2@partnerflow>", 1);
  }

  @Test
  void anExtraCopyIsInTheWindowOnlyWhenAKillFollowedTheFirstCopyClosely() throws Exception {
    send("<welcome-3@partnerflow>");
    long accepted = deliveries.firstAcceptedAt("<welcome-3@partnerflow>");
    String id = "<welcome-3@partnerflow>";
    assertThat(deliveries.firstCopyInWindow(id, List.of(accepted + 100), 1000, 0)).isTrue();
    assertThat(deliveries.firstCopyInWindow(id, List.of(accepted + 5000), 1000, 0)).isFalse();
    assertThat(deliveries.firstCopyInWindow(id, List.of(accepted - 100), 1000, 0)).isFalse();
    assertThat(deliveries.firstCopyInWindow(id, List.of(), 1000, 0)).isFalse();
    assertThat(deliveries.firstCopyInWindow(id, List.of(accepted + 100), 1000, accepted + 50))
        .as("the product was seen to have recorded it before the kill").isFalse();
  }

  @Test
  void aCopyWhoseFinalReplyTheSenderGaveUpOnIsInTheWindowWithoutAKill() throws Exception {
    proxy.holdFinalReply(5000);
    String id = "<welcome-4@partnerflow>";

    long begin = System.currentTimeMillis();
    assertThatThrownBy(() -> sendOrThrow(id, 1000)).isInstanceOf(MessagingException.class);

    assertThat(System.currentTimeMillis() - begin).as("the sender's read timeout, not the hold").isLessThan(4000);
    assertThat(mail.copiesByMessageId()).as("the server kept it").containsEntry(id, 1);
    // The proxy learns of the hang-up on its own thread, a moment after the sender gave up
    long deadline = System.currentTimeMillis() + 5000;
    while (!deliveries.firstCopyInWindow(id, List.of(), 1000, 0) && System.currentTimeMillis() < deadline) {
      Thread.sleep(20);
    }
    assertThat(deliveries.firstCopyInWindow(id, List.of(), 1000, 0)).isTrue();
  }

  private void send(String messageId) {
    try {
      sendOrThrow(messageId);
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A mail with a fixed Message-ID, as the product's KeyedMimeMessage sends it. */
  private void sendOrThrow(String messageId) throws MessagingException {
    sendOrThrow(messageId, 0);
  }

  /** @param readTimeoutMillis how long the sender waits for each reply; 0 = for ever */
  private void sendOrThrow(String messageId, int readTimeoutMillis) throws MessagingException {
    Properties properties = new Properties();
    properties.put("mail.smtp.timeout", String.valueOf(readTimeoutMillis));
    properties.put("mail.smtp.host", "127.0.0.1");
    properties.put("mail.smtp.port", String.valueOf(proxy.port()));
    properties.put("mail.smtp.connectiontimeout", "5000");
    MimeMessage message = new MimeMessage(Session.getInstance(properties)) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    message.setFrom(new InternetAddress("onboarding@northwind-partners.example"));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress("lucia@contoso.example"));
    message.setSubject("Welcome");
    message.setText("Hola\r\n.\r\nnot the end: a dot line inside the body is dot-stuffed\r\n");
    Transport.send(message);
  }
}
