package io.partnerflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import jakarta.mail.Address;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.mail.javamail.MimeMessageHelper;

/** The embedded server's mail survives a restart: same mails, same order, same mailboxes, same dates. */
class EmbeddedMailServerStoreTest {

  private static final String ANA = "ana.garcia@contoso.example";
  private static final String PEDRO = "pedro@fabrikam.example";
  private static final String INVITATIONS = "invitations@northwind-partners.example";

  @TempDir
  Path store;

  private final List<EmbeddedMailServer> started = new ArrayList<>();

  @AfterEach
  void stopAll() {
    started.forEach(EmbeddedMailServer::stop);
  }

  /** What a reader sees of one mail. */
  record Shown(String subject, String from, String recipients, String text, String html, String messageId, Date received) {

    static Shown of(MimeMessage m) throws Exception {
      return new Shown(m.getSubject(), addresses(m.getFrom()), addresses(m.getAllRecipients()),
          MailTestSupport.part(m, "text/plain"), MailTestSupport.part(m, "text/html"), m.getMessageID(),
          m.getReceivedDate());
    }
  }

  @Test
  void aNewServerOnTheSameStoreHasTheSameMailsInTheSameOrder() throws Exception {
    EmbeddedMailServer first = start();
    send(first, ANA, null, "Bienvenida a Contoso", "Hola Ana", "<p>Hola <a href=\"http://x/invitation/abc\">Ana</a></p>");
    send(first, PEDRO, ANA, "Приглашение «Fabrikam»", "Здравствуйте", null); // two mailboxes, one mail each
    send(first, INVITATIONS, null, "RE: Invitación [Ref: abc]", "ACEPTO", null);
    List<Shown> before = shown(first);
    assertThat(before).hasSize(4);
    first.stop();

    EmbeddedMailServer second = start();

    assertThat(shown(second)).containsExactlyElementsOf(before);
    assertThat(before).extracting(Shown::subject).containsExactly("Bienvenida a Contoso", "Приглашение «Fabrikam»",
        "Приглашение «Fabrikam»", "RE: Invitación [Ref: abc]");
    assertThat(before.get(0).html()).contains("href=\"http://x/invitation/abc\"");
    assertThat(before).extracting(Shown::received).doesNotHaveDuplicates().isSorted();

    // New mail goes after the old, and the index of each old mail stays what it was
    send(second, ANA, null, "Second start", "after the restart", null);
    List<Shown> afterNewMail = shown(second);
    assertThat(afterNewMail.subList(0, 4)).containsExactlyElementsOf(before);
    assertThat(afterNewMail.get(4).subject()).isEqualTo("Second start");
    second.stop();

    assertThat(shown(start())).containsExactlyElementsOf(afterNewMail);
  }

  @Test
  void imapClientsSeeTheRestoredMailInTheSameMailboxesUnread() throws Exception {
    EmbeddedMailServer first = start();
    send(first, INVITATIONS, null, "RE: one", "ACEPTO", null);
    send(first, ANA, null, "For Ana", "Hola", null);
    send(first, INVITATIONS, null, "RE: two", "RECHAZO", null);
    List<String> dates = imapInbox(first, INVITATIONS).stream().map(line -> line.split(" \\| ")[2]).toList();
    first.stop();

    EmbeddedMailServer second = start();

    assertThat(imapInbox(second, INVITATIONS)).containsExactly(
        "RE: one | ACEPTO | " + dates.get(0) + " | unread",
        "RE: two | RECHAZO | " + dates.get(1) + " | unread");
    assertThat(imapInbox(second, ANA)).extracting(line -> line.split(" \\| ")[0]).containsExactly("For Ana");
  }

  @Test
  void anInterruptedSaveAndAnUnreadableEnvelopeAreSkippedAndTheRestComesBack() throws Exception {
    EmbeddedMailServer first = start();
    send(first, ANA, null, "Kept", "one", null);
    send(first, ANA, null, "Envelope broken", "two", null);
    first.stop();
    Files.writeString(store.resolve("000000000002.properties"), "received=not a date\n");
    Files.writeString(store.resolve("000000000099.eml"), "Subject: never completed\r\n\r\nno envelope\r\n");
    Files.writeString(store.resolve("000000000100.eml123.tmp"), "half written");

    EmbeddedMailServer second = start();

    assertThat(shown(second)).extracting(Shown::subject).containsExactly("Kept");
    assertThat(store.resolve("000000000100.eml123.tmp")).doesNotExist();
    send(second, ANA, null, "Numbered after every file", "three", null);
    assertThat(store.resolve("000000000100.properties")).exists();
  }

  @Test
  void aMailTheStoreCannotWriteIsRefusedNotLost() throws Exception {
    EmbeddedMailServer server = start();
    Files.delete(store);
    Files.writeString(store, "a file where the folder was"); // works as root too, unlike permissions

    assertThatThrownBy(() -> send(server, ANA, null, "Lost?", "no", null)).isInstanceOf(MailSendException.class);
    assertThat(server.receivedMessages()).isEmpty();
  }

  @Test
  void withoutAStoreFolderNothingIsWritten() throws Exception {
    EmbeddedMailServer server = new EmbeddedMailServer(0, 0);
    started.add(server);
    server.start();
    send(server, ANA, null, "Memory only", "x", null);

    assertThat(server.storeFolder()).isNull();
    assertThat(server.receivedMessages()).hasSize(1);
    try (var files = Files.list(store)) {
      assertThat(files).isEmpty();
    }
  }

  private EmbeddedMailServer start() {
    EmbeddedMailServer server = new EmbeddedMailServer(0, 0, store);
    started.add(server);
    server.start();
    return server;
  }

  private static void send(EmbeddedMailServer server, String to, String cc, String subject, String text, String html)
      throws Exception {
    JavaMailSenderImpl sender = EmbeddedMailServerConfiguration.mailSenderFor(server);
    MimeMessage message = sender.createMimeMessage();
    MimeMessageHelper helper = new MimeMessageHelper(message, html != null, "UTF-8");
    helper.setFrom(new InternetAddress(MailTestSupport.FROM, "Northwind Cloud Partners", "UTF-8"));
    helper.setTo(to);
    if (cc != null) {
      helper.setCc(cc);
    }
    helper.setSubject(subject);
    if (html != null) {
      helper.setText(text, html);
    } else {
      helper.setText(text);
    }
    sender.send(message);
  }

  private static List<Shown> shown(EmbeddedMailServer server) throws Exception {
    List<Shown> shown = new ArrayList<>();
    for (MimeMessage message : server.receivedMessages()) {
      shown.add(Shown.of(message));
    }
    return shown;
  }

  /** "subject | text | received date | unread/read" for each mail of the INBOX, in IMAP order. */
  private static List<String> imapInbox(EmbeddedMailServer server, String mailbox) throws Exception {
    Properties properties = new Properties();
    properties.put("mail.imap.connectiontimeout", "5000");
    properties.put("mail.imap.timeout", "5000");
    Store imap = Session.getInstance(properties).getStore("imap");
    imap.connect(server.host(), server.imapPort(), mailbox, "any password");
    try {
      Folder inbox = imap.getFolder("INBOX");
      inbox.open(Folder.READ_ONLY);
      List<String> lines = new ArrayList<>();
      for (Message message : inbox.getMessages()) {
        lines.add(message.getSubject() + " | " + String.valueOf(message.getContent()).strip() + " | "
            + message.getReceivedDate().toInstant() + " | "
            + (message.isSet(Flags.Flag.SEEN) ? "read" : "unread"));
      }
      inbox.close(false);
      return lines;
    } finally {
      imap.close();
    }
  }

  private static String addresses(Address[] addresses) {
    return addresses == null ? "" : Arrays.stream(addresses).map(Address::toString).collect(Collectors.joining(", "));
  }
}
