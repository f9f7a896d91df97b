package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationMailTestSupport.REPLY_MAILBOX;
import static io.partnerflow.invitation.InvitationMailTestSupport.newInvitation;
import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.store.StoredMessage;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.mail.ImapMailbox;
import jakarta.mail.Flags;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

class ReplyPollerTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private static final Instant NOW = Instant.parse("2026-01-19T10:00:00Z");
  private static final String PASSWORD = "secret";

  private DataSource dataSource;
  private JdbcClient jdbc;
  private InvitationRegistry registry;
  private RecordingHandler handler;
  private GreenMailUser mailbox;
  private Invitation invitation;

  @BeforeEach
  void setUp() {
    dataSource = InvitationMailTestSupport.database();
    jdbc = JdbcClient.create(dataSource);
    registry = new InvitationRegistry(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    handler = new RecordingHandler();
    mailbox = greenMail.setUser(REPLY_MAILBOX, REPLY_MAILBOX, PASSWORD);
    invitation = registry.create(newInvitation("es-ES", "es", false, null));
  }

  @Test
  void handlesEachReplyOnceRecordsItAndMarksItSeen() throws Exception {
    deliver(reply("<r1@contoso.example>", "Re: invitación", "<invitation-" + invitation.id() + "-send-1@partnerflow>",
        "Acepto.\n\nEl lun, 19 ene 2026, Northwind escribió:\n> ACEPTO o RECHAZO"));
    deliver(reply("<r2@contoso.example>", "RE: invitación [Ref: " + invitation.replyReference() + "]", null,
        "¿Pueden llamarme primero?"));
    deliver(reply("<r3@contoso.example>", "Out of office", null, "I am away until Monday."));

    assertThat(poller().pollOnce()).isEqualTo(3);

    assertThat(handler.handled).extracting(read -> read.mail().messageId())
        .containsExactly("<r1@contoso.example>", "<r2@contoso.example>", "<r3@contoso.example>");
    ReadReply accepted = handler.handled.get(0);
    assertThat(accepted.invitation()).map(Invitation::id).contains(invitation.id());
    assertThat(accepted.answer()).contains(AnswerType.ACCEPT);
    assertThat(accepted.mail().from()).isEqualTo("ana.garcia@contoso.example");
    assertThat(accepted.mail().inReplyTo()).isEqualTo("<invitation-" + invitation.id() + "-send-1@partnerflow>");
    assertThat(accepted.mail().text()).startsWith("Acepto.");
    assertThat(handler.handled.get(1).invitation()).map(Invitation::id).contains(invitation.id());
    assertThat(handler.handled.get(1).answer()).isEmpty();
    assertThat(handler.handled.get(2).invitation()).isEmpty();

    assertThat(jdbc.sql("select message_id, mailbox, outcome from processed_mail order by message_id").query().listOfRows())
        .containsExactly(
            Map.of("MESSAGE_ID", "<r1@contoso.example>", "MAILBOX", REPLY_MAILBOX, "OUTCOME", "accept"),
            Map.of("MESSAGE_ID", "<r2@contoso.example>", "MAILBOX", REPLY_MAILBOX, "OUTCOME", "unreadable"),
            Map.of("MESSAGE_ID", "<r3@contoso.example>", "MAILBOX", REPLY_MAILBOX, "OUTCOME", "unmatched"));
    assertThat(stored()).allSatisfy(message -> assertThat(message.isSet(Flags.Flag.SEEN)).isTrue());

    assertThat(poller().pollOnce()).isZero();
    assertThat(handler.handled).hasSize(3);
  }

  @Test
  void aFailingReplyStaysForTheNextPollWithoutHoldingUpTheOthers() throws Exception {
    deliver(reply("<ok-1@contoso.example>", "Re: x", null, "Yes"));
    deliver(reply("<boom@contoso.example>", "Re: y", null, "No"));
    deliver(reply("<ok-2@contoso.example>", "Re: z", null, "Sí"));
    handler.failOnce.add("<boom@contoso.example>");
    ReplyPoller poller = poller();

    assertThat(poller.pollOnce()).isEqualTo(2);

    assertThat(processedIds()).containsExactly("<ok-1@contoso.example>", "<ok-2@contoso.example>");
    assertThat(stored()).filteredOn(message -> !message.isSet(Flags.Flag.SEEN))
        .extracting(message -> message.getMimeMessage().getMessageID())
        .containsExactly("<boom@contoso.example>");

    assertThat(poller.pollOnce()).isEqualTo(1);
    assertThat(processedIds()).contains("<boom@contoso.example>");
    assertThat(poller.pollOnce()).isZero();
    assertThat(handler.handled).extracting(read -> read.mail().messageId())
        .containsExactly("<ok-1@contoso.example>", "<ok-2@contoso.example>", "<boom@contoso.example>");
  }

  @Test
  void aReplyRecordedEarlierIsNotHandledAgainEvenIfStillUnread() throws Exception {
    jdbc.sql("insert into processed_mail (message_id, mailbox, outcome, processed_at) values (?, ?, ?, ?)")
        .params("<done@contoso.example>", REPLY_MAILBOX, "accept", java.sql.Timestamp.from(NOW)).update();
    deliver(reply("<done@contoso.example>", "Re: x", null, "Yes"));

    assertThat(poller().pollOnce()).isZero();

    assertThat(handler.handled).isEmpty();
    assertThat(stored()).singleElement().satisfies(message -> assertThat(message.isSet(Flags.Flag.SEEN)).isTrue());
  }

  @Test
  void aMailWithoutMessageIdGetsAStableStandIn() throws Exception {
    MimeMessage noId = new MimeMessage(session()) {
      @Override
      protected void updateMessageID() {
        // like a sender that sets none
      }
    };
    noId.setFrom(new InternetAddress("ana.garcia@contoso.example"));
    noId.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(REPLY_MAILBOX));
    noId.setSubject("Re: [Ref: " + invitation.replyReference() + "]", "UTF-8");
    noId.setSentDate(Date.from(NOW));
    noId.setText("Принимаю", "UTF-8");
    noId.saveChanges();
    deliver(noId);
    ReplyPoller poller = poller();

    assertThat(poller.pollOnce()).isEqualTo(1);
    assertThat(poller.pollOnce()).isZero();

    ReadReply read = handler.handled.get(0);
    assertThat(read.mail().messageId()).matches("<synthetic-[0-9a-f]{40}@partnerflow\\.local>");
    assertThat(read.answer()).contains(AnswerType.ACCEPT);
    assertThat(read.invitation()).map(Invitation::id).contains(invitation.id());
    assertThat(processedIds()).containsExactly(read.mail().messageId());
  }

  @Test
  void htmlOnlyRepliesAreReadWithoutTheirQuote() throws Exception {
    MimeMessage html = reply("<html@contoso.example>", "Re: invito", null, null);
    html.setContent("<html><head><style>p{color:red}</style></head><body><div dir=\"ltr\">&nbsp;<b>Accetto</b>,"
        + " grazie</div><div class=\"gmail_quote\">Il giorno lun Northwind ha scritto:<blockquote>RIFIUTO</blockquote>"
        + "</div></body></html>", "text/html; charset=UTF-8");
    html.saveChanges();
    deliver(html);

    assertThat(poller().pollOnce()).isEqualTo(1);

    assertThat(handler.handled.get(0).answer()).contains(AnswerType.ACCEPT);
    assertThat(handler.handled.get(0).mail().text()).doesNotContain("RIFIUTO", "<");
  }

  @Test
  void prefersThePlainTextPartOfAnAlternative() throws Exception {
    MimeMessage mail = reply("<alt@contoso.example>", "Re: convite", null, null);
    MimeBodyPart text = new MimeBodyPart();
    text.setText("Recuso\n\nEm seg., Northwind escreveu:\n> ACEITO ou RECUSO", "UTF-8");
    MimeBodyPart htmlPart = new MimeBodyPart();
    htmlPart.setContent("<p>Aceito</p>", "text/html; charset=UTF-8");
    MimeMultipart alternative = new MimeMultipart("alternative", text, htmlPart);
    mail.setContent(alternative);
    mail.saveChanges();
    deliver(mail);

    poller().pollOnce();

    assertThat(handler.handled.get(0).answer()).contains(AnswerType.DECLINE);
  }

  @Test
  void withoutAHandlerNothingIsRead() throws Exception {
    deliver(reply("<r1@contoso.example>", "Re: x", null, "Yes"));
    ReplyPoller poller = new ReplyPoller(imap(), invitationProperties(), new ReplyReader(registry),
        provider(InvitationReplyHandler.class, null), provider(EmbeddedMailServer.class, null), jdbc,
        new DataSourceTransactionManager(dataSource), Clock.systemUTC());

    assertThat(poller.pollOnce()).isZero();

    assertThat(stored()).singleElement().satisfies(message -> assertThat(message.isSet(Flags.Flag.SEEN)).isFalse());
    assertThat(processedIds()).isEmpty();
  }

  @Test
  void anUnreachableMailboxIsReportedNotThrown() {
    ImapProperties closed = new ImapProperties(true, "127.0.0.1", 1, null, PASSWORD, "imap", Duration.ofSeconds(10));
    ReplyPoller poller = new ReplyPoller(closed, invitationProperties(), new ReplyReader(registry),
        provider(InvitationReplyHandler.class, handler), provider(EmbeddedMailServer.class, null), jdbc,
        new DataSourceTransactionManager(dataSource), Clock.systemUTC());

    assertThat(poller.pollOnce()).isZero();
  }

  @Test
  void defaultsToTheEmbeddedServerAndTheReplyMailbox() {
    EmbeddedMailServer embedded = new EmbeddedMailServer(0, 0); // ports are known before start
    ImapProperties defaults = new ImapProperties(true, null, 0, null, null, null, null);
    ReplyPoller poller = new ReplyPoller(defaults, invitationProperties(), new ReplyReader(registry),
        provider(InvitationReplyHandler.class, handler), provider(EmbeddedMailServer.class, embedded), jdbc,
        new DataSourceTransactionManager(dataSource), Clock.systemUTC());

    assertThat(poller.mailbox()).contains(
        new ImapMailbox.Settings("imap", EmbeddedMailServer.HOST, embedded.imapPort(), REPLY_MAILBOX, ""));
    assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void repliesHandledBeforeARestartAreNotHandledAgainWhenTheEmbeddedServerRestoresThem(@TempDir Path store)
      throws Exception {
    MimeMessage noIdNoDate = new MimeMessage(session()) {
      @Override
      protected void updateMessageID() {
        // no Message-ID and no Date: the stand-in id comes from the received date, which must survive too
      }

      @Override
      protected void updateHeaders() throws MessagingException {
        super.updateHeaders();
        removeHeader("Date");
      }
    };
    noIdNoDate.setFrom(new InternetAddress("ana.garcia@contoso.example"));
    noIdNoDate.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(REPLY_MAILBOX));
    noIdNoDate.setSubject("Re: [Ref: " + invitation.replyReference() + "]", "UTF-8");
    noIdNoDate.setText("ACEPTO", "UTF-8");
    noIdNoDate.saveChanges();
    EmbeddedMailServer first = new EmbeddedMailServer(0, 0, store);
    first.start();
    try {
      sendOverSmtp(first, reply("<before-restart@contoso.example>", "Re: x", null, "Acepto"));
      sendOverSmtp(first, noIdNoDate);
      assertThat(embeddedPoller(first).pollOnce()).isEqualTo(2);
    } finally {
      first.stop();
    }

    EmbeddedMailServer second = new EmbeddedMailServer(0, 0, store);
    second.start();
    try {
      assertThat(second.receivedMessages()).hasSize(2);
      assertThat(second.receivedMessages().get(1).getHeader("Date")).as("no Date header").isNull();

      assertThat(embeddedPoller(second).pollOnce()).isZero();

      assertThat(handler.handled).hasSize(2);
      assertThat(processedIds()).hasSize(2).contains("<before-restart@contoso.example>");
    } finally {
      second.stop();
    }
  }

  private ReplyPoller embeddedPoller(EmbeddedMailServer embedded) {
    return new ReplyPoller(new ImapProperties(true, null, 0, null, PASSWORD, "imap", Duration.ofSeconds(10)),
        invitationProperties(), new ReplyReader(registry), provider(InvitationReplyHandler.class, handler),
        provider(EmbeddedMailServer.class, embedded), jdbc, new DataSourceTransactionManager(dataSource),
        Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static void sendOverSmtp(EmbeddedMailServer server, MimeMessage message) throws MessagingException {
    try (Transport transport = session().getTransport("smtp")) {
      transport.connect(server.host(), server.smtpPort(), null, null);
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private ReplyPoller poller() {
    return new ReplyPoller(imap(), invitationProperties(), new ReplyReader(registry),
        provider(InvitationReplyHandler.class, handler), provider(EmbeddedMailServer.class, null), jdbc,
        new DataSourceTransactionManager(dataSource), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** Username left empty: the reply mailbox is the login. */
  private static ImapProperties imap() {
    return new ImapProperties(true, "127.0.0.1", greenMail.getImap().getPort(), null, PASSWORD, "imap",
        Duration.ofSeconds(10));
  }

  static InvitationProperties invitationProperties() {
    return new InvitationProperties(Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(30), REPLY_MAILBOX);
  }

  static <T> ObjectProvider<T> provider(Class<T> type, T bean) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    if (bean != null) {
      beans.addBean(type.getSimpleName(), bean);
    }
    return beans.getBeanProvider(type);
  }

  private static Session session() {
    return Session.getInstance(new Properties());
  }

  static MimeMessage reply(String messageId, String subject, String inReplyTo, String text)
      throws MessagingException {
    MimeMessage message = new MimeMessage(session()) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    message.setFrom(new InternetAddress("ana.garcia@contoso.example"));
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(REPLY_MAILBOX));
    message.setSubject(subject, "UTF-8");
    message.setSentDate(Date.from(NOW));
    if (inReplyTo != null) {
      message.setHeader("In-Reply-To", inReplyTo);
      message.setHeader("References", inReplyTo);
    }
    if (text != null) {
      message.setText(text, "UTF-8");
    }
    message.saveChanges();
    return message;
  }

  private void deliver(MimeMessage message) {
    mailbox.deliver(message);
  }

  private List<StoredMessage> stored() throws Exception {
    return greenMail.getManagers().getImapHostManager().getInbox(mailbox).getMessages();
  }

  private List<String> processedIds() {
    return jdbc.sql("select message_id from processed_mail order by processed_at, message_id").query(String.class).list();
  }

  /** Records what it is given; can fail once per message id, like a handler hitting a deadlock. */
  static final class RecordingHandler implements InvitationReplyHandler {

    final List<ReadReply> handled = new ArrayList<>();
    final Set<String> failOnce = ConcurrentHashMap.newKeySet();

    @Override
    public String handle(ReadReply reply) {
      if (failOnce.remove(reply.mail().messageId())) {
        throw new IllegalStateException("simulated failure");
      }
      handled.add(reply);
      if (reply.invitation().isEmpty()) {
        return "unmatched";
      }
      return reply.answer().map(answer -> answer.name().toLowerCase()).orElse("unreadable");
    }
  }
}
