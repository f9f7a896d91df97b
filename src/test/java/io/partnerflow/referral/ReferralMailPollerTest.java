package io.partnerflow.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

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
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.support.StaticListableBeanFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The referrals mailbox on a GreenMail server, with the real intake on H2 and a stand-in engine. */
class ReferralMailPollerTest {

  @RegisterExtension
  static GreenMailExtension greenMail = new GreenMailExtension(ServerSetup.dynamicPort(ServerSetupTest.SMTP_IMAP));

  private static final Instant NOW = Instant.parse("2026-03-04T09:30:00Z");
  private static final String MAILBOX = "referrals@northwind-partners.example";
  private static final String PASSWORD = "secret";

  private DataSource dataSource;
  private JdbcClient jdbc;
  private ReferralRegistry registry;
  private RuntimeService runtimeService;
  private final AtomicInteger failStarts = new AtomicInteger();
  private GreenMailUser mailbox;

  @BeforeEach
  @SuppressWarnings("unchecked")
  void setUp() {
    dataSource = ReferralTestData.database();
    jdbc = JdbcClient.create(dataSource);
    registry = new ReferralRegistry(jdbc, Clock.fixed(NOW, ZoneOffset.UTC));
    runtimeService = mock(RuntimeService.class);
    AtomicInteger started = new AtomicInteger();
    when(runtimeService.startProcessInstanceByKey(anyString(), anyString(), any(Map.class))).thenAnswer(call -> {
      if (failStarts.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
        throw new IllegalStateException("simulated engine failure");
      }
      ProcessInstance instance = mock(ProcessInstance.class);
      when(instance.getId()).thenReturn("pi-" + started.incrementAndGet());
      return instance;
    });
    mailbox = greenMail.setUser(MAILBOX, MAILBOX, PASSWORD);
  }

  @Test
  void eachMailBecomesOneReferralOnceRecordedAndMarkedRead() throws Exception {
    deliver(mail("<m1@contoso.example>", "lucia@contoso.example", "Lucía García", "Referral",
        "Empresa: Contoso Ibérica\nContacto: Lucía García\nPaís: ES\nIdioma: es\nNecesidad: 20 buzones\ny Teams."));
    deliver(mail("<m2@fabrikam.example>", "marta@fabrikam.example", "Marta Vidal", "Fabrikam Spain",
        "Need: Azure credits"));

    assertThat(poller().pollOnce()).isEqualTo(2);

    Referral contoso = registry.findByExternalReference("<m1@contoso.example>").orElseThrow();
    assertThat(contoso.source()).isEqualTo("EMAIL");
    assertThat(contoso.companyName()).isEqualTo("Contoso Ibérica");
    assertThat(contoso.contactEmail()).isEqualTo("lucia@contoso.example");
    assertThat(contoso.language()).isEqualTo("es");
    assertThat(contoso.need()).isEqualTo("20 buzones\ny Teams.");
    assertThat(contoso.processInstanceId()).startsWith("pi-");
    Referral fabrikam = registry.findByExternalReference("<m2@fabrikam.example>").orElseThrow();
    assertThat(fabrikam.companyName()).isEqualTo("Fabrikam Spain");
    assertThat(fabrikam.contactFirstName()).isEqualTo("Marta");
    assertThat(fabrikam.contactLastName()).isEqualTo("Vidal");

    assertThat(processed()).containsExactly(
        Map.of("MESSAGE_ID", "<m1@contoso.example>", "MAILBOX", MAILBOX, "OUTCOME", "referral " + contoso.id()),
        Map.of("MESSAGE_ID", "<m2@fabrikam.example>", "MAILBOX", MAILBOX, "OUTCOME", "referral " + fabrikam.id()));
    assertThat(stored()).allSatisfy(message -> assertThat(message.isSet(Flags.Flag.SEEN)).isTrue());

    assertThat(poller().pollOnce()).isZero();
    verify(runtimeService, times(2)).startProcessInstanceByKey(eq(ReferralProcess.PROCESS_KEY), anyString(),
        any(Map.class));
  }

  @Test
  void anInvalidMailIsRecordedWithItsFieldsStartsNothingAndIsNotRetried() throws Exception {
    deliver(mail("<bad@x.example>", "not-an-address", null, "",
        "Country: Atlantis\nLanguage: de\nNeed: something"));

    assertThat(poller().pollOnce()).isEqualTo(1);

    assertThat(processed()).containsExactly(Map.of("MESSAGE_ID", "<bad@x.example>", "MAILBOX", MAILBOX,
        "OUTCOME", "invalid: companyName, contactEmail, country, language"));
    assertThat(registry.search(null, null, 0, 10).total()).isZero();
    assertThat(stored()).singleElement().satisfies(message -> assertThat(message.isSet(Flags.Flag.SEEN)).isTrue());
    verify(runtimeService, times(0)).startProcessInstanceByKey(anyString(), anyString(), any(Map.class));

    assertThat(poller().pollOnce()).isZero();
    assertThat(processed()).hasSize(1);
  }

  @Test
  void aMailWhoseHandlingFailsStaysUnreadForTheNextPollWithoutHoldingUpTheOthers() throws Exception {
    deliver(mail("<first@x.example>", "a@a.example", null, "Alpha", "Need: a"));
    deliver(mail("<second@x.example>", "b@b.example", null, "Beta", "Need: b"));
    failStarts.set(1);
    ReferralMailPoller poller = poller();

    assertThat(poller.pollOnce()).isEqualTo(1);
    assertThat(processed()).extracting(row -> row.get("MESSAGE_ID")).containsExactly("<second@x.example>");
    assertThat(registry.findByExternalReference("<first@x.example>")).as("rolled back").isEmpty();
    assertThat(stored()).filteredOn(message -> !message.isSet(Flags.Flag.SEEN))
        .extracting(message -> message.getMimeMessage().getMessageID()).containsExactly("<first@x.example>");

    assertThat(poller.pollOnce()).isEqualTo(1);
    assertThat(registry.findByExternalReference("<first@x.example>")).isPresent();
    assertThat(poller.pollOnce()).isZero();
    assertThat(registry.search(null, null, 0, 10).total()).isEqualTo(2);
  }

  @Test
  void aMailRecordedEarlierIsNotHandledAgainEvenIfStillUnread() throws Exception {
    jdbc.sql("insert into processed_mail (message_id, mailbox, outcome, processed_at) values (?, ?, ?, ?)")
        .params("<done@x.example>", MAILBOX, "referral r-1", Timestamp.from(NOW)).update();
    deliver(mail("<done@x.example>", "a@a.example", null, "Alpha", "Need: a"));

    assertThat(poller().pollOnce()).isZero();

    assertThat(registry.search(null, null, 0, 10).total()).isZero();
    assertThat(stored()).singleElement().satisfies(message -> assertThat(message.isSet(Flags.Flag.SEEN)).isTrue());
  }

  @Test
  void aMailWithoutMessageIdGetsAStableStandIn() throws Exception {
    MimeMessage noId = new MimeMessage(Session.getInstance(new Properties())) {
      @Override
      protected void updateMessageID() {
        // like a sender that sets none
      }
    };
    noId.setFrom(new InternetAddress("ivan@contoso.example"));
    noId.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(MAILBOX));
    noId.setSubject("ООО «Контосо»", "UTF-8");
    noId.setSentDate(Date.from(NOW));
    noId.setText("Язык: ru\nЗапрос: лицензии", "UTF-8");
    noId.saveChanges();
    deliver(noId);
    ReferralMailPoller poller = poller();

    assertThat(poller.pollOnce()).isEqualTo(1);
    assertThat(poller.pollOnce()).isZero();

    Referral r = registry.search("ооо", null, 0, 10).items().get(0);
    assertThat(r.externalReference()).matches("<synthetic-[0-9a-f]{40}@partnerflow\\.local>");
    assertThat(r.companyName()).isEqualTo("ООО «Контосо»");
    assertThat(r.language()).isEqualTo("ru");
  }

  @Test
  void anHtmlOnlyMailIsReadAsText() throws Exception {
    MimeMessage html = mail("<html@x.example>", "giulia@contoso.example", "Giulia Rossi", "Richiesta", null);
    html.setContent("<html><head><style>p{}</style></head><body><p>Azienda: Contoso Italia</p>"
        + "<p>Lingua: it</p><p>Richiesta: E3 &amp; Teams<br>per 15 persone</p></body></html>",
        "text/html; charset=UTF-8");
    html.saveChanges();
    deliver(html);

    assertThat(poller().pollOnce()).isEqualTo(1);

    Referral r = registry.findByExternalReference("<html@x.example>").orElseThrow();
    assertThat(r.companyName()).isEqualTo("Contoso Italia");
    assertThat(r.language()).isEqualTo("it");
    assertThat(r.need()).isEqualTo("E3 & Teams\nper 15 persone");
  }

  @Test
  void defaultsToTheEmbeddedServerAndTheReferralsMailbox() {
    EmbeddedMailServer embedded = new EmbeddedMailServer(0, 0); // ports are known before start
    ReferralMailProperties defaults = new ReferralMailProperties(true, MAILBOX, null, 0, null, null, null, null);
    ReferralMailPoller poller = poller(defaults, embedded);

    assertThat(poller.mailbox()).contains(
        new ImapMailbox.Settings("imap", EmbeddedMailServer.HOST, embedded.imapPort(), MAILBOX, ""));
    assertThat(defaults.pollInterval()).isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void anUnreachableMailboxIsReportedNotThrown() {
    ReferralMailProperties closed =
        new ReferralMailProperties(true, MAILBOX, "127.0.0.1", 1, null, PASSWORD, "imap", Duration.ofSeconds(10));

    assertThat(poller(closed, null).pollOnce()).isZero();
  }

  @Test
  void aReferralMailHandledBeforeARestartIsNotHandledAgainWhenTheEmbeddedServerRestoresIt(@TempDir Path store)
      throws Exception {
    ReferralMailProperties embeddedDefaults =
        new ReferralMailProperties(true, MAILBOX, null, 0, null, PASSWORD, "imap", Duration.ofSeconds(10));
    EmbeddedMailServer first = new EmbeddedMailServer(0, 0, store);
    first.start();
    try {
      sendOverSmtp(first, mail("<before-restart@x.example>", "lucia@contoso.example", "Lucía García", "Referral",
          "Empresa: Contoso Ibérica\nPaís: ES\nIdioma: es\nNecesidad: 20 buzones"));
      assertThat(poller(embeddedDefaults, first).pollOnce()).isEqualTo(1);
    } finally {
      first.stop();
    }

    EmbeddedMailServer second = new EmbeddedMailServer(0, 0, store);
    second.start();
    try {
      assertThat(second.receivedMessages()).singleElement()
          .satisfies(m -> assertThat(m.getMessageID()).isEqualTo("<before-restart@x.example>"));

      assertThat(poller(embeddedDefaults, second).pollOnce()).isZero();

      assertThat(registry.search(null, null, 0, 10).total()).isEqualTo(1);
      assertThat(processed()).extracting(row -> row.get("MESSAGE_ID")).containsExactly("<before-restart@x.example>");
      verify(runtimeService, times(1)).startProcessInstanceByKey(eq(ReferralProcess.PROCESS_KEY), anyString(),
          any(Map.class));
    } finally {
      second.stop();
    }
  }

  static void sendOverSmtp(EmbeddedMailServer server, MimeMessage message) throws MessagingException {
    try (Transport transport = Session.getInstance(new Properties()).getTransport("smtp")) {
      transport.connect(server.host(), server.smtpPort(), null, null);
      transport.sendMessage(message, message.getAllRecipients());
    }
  }

  private ReferralMailPoller poller() {
    return poller(new ReferralMailProperties(true, MAILBOX, "127.0.0.1", greenMail.getImap().getPort(), null,
        PASSWORD, "imap", Duration.ofSeconds(10)), null);
  }

  private ReferralMailPoller poller(ReferralMailProperties properties, EmbeddedMailServer embedded) {
    DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
    ReferralIntake intake = new ReferralIntake(registry, new ReferralStarter(runtimeService), transactions);
    return new ReferralMailPoller(properties, new ReferralMailParser(), intake, provider(embedded), jdbc,
        transactions, Clock.fixed(NOW, ZoneOffset.UTC));
  }

  static ObjectProvider<EmbeddedMailServer> provider(EmbeddedMailServer bean) {
    StaticListableBeanFactory beans = new StaticListableBeanFactory();
    if (bean != null) {
      beans.addBean("embeddedMailServer", bean);
    }
    return beans.getBeanProvider(EmbeddedMailServer.class);
  }

  static MimeMessage mail(String messageId, String from, String fromName, String subject, String text)
      throws Exception {
    MimeMessage message = new MimeMessage(Session.getInstance(new Properties())) {
      @Override
      protected void updateMessageID() throws MessagingException {
        setHeader("Message-ID", messageId);
      }
    };
    try {
      message.setFrom(new InternetAddress(from, fromName, "UTF-8"));
    } catch (Exception e) {
      message.setHeader("From", from);
    }
    message.setRecipient(MimeMessage.RecipientType.TO, new InternetAddress(MAILBOX));
    message.setSubject(subject, "UTF-8");
    message.setSentDate(Date.from(NOW));
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

  private List<Map<String, Object>> processed() {
    return jdbc.sql("select message_id, mailbox, outcome from processed_mail order by message_id").query()
        .listOfRows();
  }
}
