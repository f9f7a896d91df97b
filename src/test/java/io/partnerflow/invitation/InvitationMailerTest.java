package io.partnerflow.invitation;

import static io.partnerflow.invitation.InvitationMailTestSupport.OPERATIONS;
import static io.partnerflow.invitation.InvitationMailTestSupport.PARTNER_NAME;
import static io.partnerflow.invitation.InvitationMailTestSupport.REPLY_MAILBOX;
import static io.partnerflow.invitation.InvitationMailTestSupport.newInvitation;
import static io.partnerflow.invitation.InvitationMailTestSupport.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.partnerflow.mail.MailLocales;
import io.partnerflow.mail.MailProperties;
import io.partnerflow.mail.TemplatedMailService;
import io.partnerflow.partner.PartnerProfile;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

class InvitationMailerTest {

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  private static final Instant NOW = Instant.parse("2026-01-15T09:30:00Z");
  private static final Instant EXPIRES = NOW.plus(Duration.ofDays(30));
  private static final String BASE_URL = "http://localhost:8080";

  private DataSource dataSource;
  private InvitationRegistry registry;
  private InvitationMailer mailer;

  @BeforeEach
  void setUp() {
    dataSource = InvitationMailTestSupport.database();
    registry = new InvitationRegistry(JdbcClient.create(dataSource), Clock.fixed(NOW, ZoneOffset.UTC));
    org.springframework.mail.javamail.JavaMailSenderImpl sender = new org.springframework.mail.javamail.JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(greenMail.getSmtp().getPort());
    TemplatedMailService mailService = new TemplatedMailService(sender, InvitationMailTestSupport.messageSource(),
        JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource),
        new MailProperties(InvitationMailTestSupport.FROM, new MailProperties.Embedded(false, 0, 0, null)));
    mailer = new InvitationMailer(mailService,
        new PartnerProfile(PARTNER_NAME, "4800001", true, "EMEA", OPERATIONS),
        new InvitationProperties(Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(30), REPLY_MAILBOX),
        BASE_URL + "/");
  }

  static Stream<Arguments> languages() {
    return Stream.of(
        Arguments.of("en-US", "en",
            "Northwind Cloud Partners asks to become the Microsoft reseller for Contoso Ltd.",
            "Hello Ana García,",
            "Northwind Cloud Partners asks to become the reseller for Contoso Ltd. (contoso.onmicrosoft.com).",
            "Delegated administration privileges",
            "The invitation is valid until February 14, 2026.",
            "You can also reply to this email with ACCEPT or DECLINE as the first word.",
            "ACCEPT", "DECLINE"),
        Arguments.of("es-ES", "es",
            "Northwind Cloud Partners solicita ser el revendedor de Microsoft de Contoso Ltd.",
            "Hola, Ana García:",
            "Northwind Cloud Partners solicita ser el revendedor de Contoso Ltd. (contoso.onmicrosoft.com).",
            "Privilegios de administración delegada",
            "La invitación es válida hasta el 14 de febrero de 2026.",
            "También puede responder a este correo con ACEPTO o RECHAZO como primera palabra.",
            "ACEPTO", "RECHAZO"),
        Arguments.of("pt-BR", "pt",
            "Northwind Cloud Partners solicita tornar-se o revendedor Microsoft de Contoso Ltd.",
            "Olá, Ana García,",
            "Northwind Cloud Partners solicita tornar-se o revendedor de Contoso Ltd. (contoso.onmicrosoft.com).",
            "Privilégios de administração delegada",
            "O convite é válido até 14 de fevereiro de 2026.",
            "Você também pode responder a este e-mail com ACEITO ou RECUSO como primeira palavra.",
            "ACEITO", "RECUSO"),
        Arguments.of("ru-RU", "ru",
            "Компания «Northwind Cloud Partners» просит стать реселлером Microsoft для компании «Contoso Ltd.»",
            "Здравствуйте, Ana García!",
            "Компания «Northwind Cloud Partners» просит стать реселлером для компании «Contoso Ltd.» (contoso.onmicrosoft.com).",
            "Делегированные права администратора",
            "Приглашение действительно до 14 февраля 2026 г.",
            "Вы также можете ответить на это письмо, написав первым словом ПРИНИМАЮ или ОТКЛОНЯЮ.",
            "ПРИНИМАЮ", "ОТКЛОНЯЮ"),
        Arguments.of("it-IT", "it",
            "Northwind Cloud Partners chiede di diventare il rivenditore Microsoft di Contoso Ltd.",
            "Gentile Ana García,",
            "Northwind Cloud Partners chiede di diventare il rivenditore di Contoso Ltd. (contoso.onmicrosoft.com).",
            "Privilegi di amministrazione delegata",
            "L'invito è valido fino al 14 febbraio 2026.",
            "Può anche rispondere a questa e-mail scrivendo ACCETTO o RIFIUTO come prima parola.",
            "ACCETTO", "RIFIUTO"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void invitationArrivesInTheCustomersLanguage(String culture, String language, String subject, String greeting,
      String request, String delegatedAdmin, String expiry, String replyHint, String acceptWord, String declineWord)
      throws Exception {
    Invitation invitation = registry.create(newInvitation(culture, language, true, null));
    String token = registry.issueToken(invitation.id(), EXPIRES, true);
    invitation = registry.find(invitation.id()).orElseThrow();

    mailer.sendInvitation(invitation, token);

    MimeMessage mail = single();
    assertThat(mail.getSubject()).isEqualTo(subject + " [Ref: " + invitation.replyReference() + "]");
    assertThat(mail.getMessageID()).isEqualTo("<" + InvitationMailer.invitationKey(invitation) + "@partnerflow>")
        .isEqualTo("<invitation-" + invitation.id() + "-send-1@partnerflow>");
    assertThat(mail.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(REPLY_MAILBOX);
    assertThat(mail.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("ana.garcia@contoso.example");

    String link = BASE_URL + "/invitation/" + token;
    String html = part(mail, "text/html");
    String text = part(mail, "text/plain");
    assertThat(html).contains("href=\"" + link + "\"", "lang=\"" + MailLocales.resolve(culture, language).toLanguageTag() + "\"");
    for (String body : List.of(html, text)) {
      assertThat(body.replace("&#39;", "'"))
          .contains(greeting, request, delegatedAdmin, expiry, replyHint, link, PARTNER_NAME)
          .doesNotContain("??").doesNotContainPattern("\\bnull\\b");
    }
    // The words the mail suggests are the words the reply reader understands
    assertThat(ReplyReader.firstWordAnswer(acceptWord)).contains(AnswerType.ACCEPT);
    assertThat(ReplyReader.firstWordAnswer(declineWord.toLowerCase())).contains(AnswerType.DECLINE);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "en-US | en | The request includes delegated administration privileges for Northwind Partners S.p.A.",
      "es-ES | es | La solicitud incluye privilegios de administración delegada para Northwind Partners S.p.A.",
      "pt-BR | pt | A solicitação inclui privilégios de administração delegada para Northwind Partners S.p.A.",
      "ru-RU | ru | Запрос включает делегированные права администратора для компании «Northwind Partners S.p.A.».",
      "it-IT | it | La richiesta include privilegi di amministrazione delegata per Northwind Partners S.p.A."})
  void namesEndingWithAFullStopEndTheirSentenceWithOne(String culture, String language, String reminderSentence)
      throws Exception {
    InvitationMailer partnerMailer = mailerOf("Northwind Partners S.p.A.");
    Invitation invitation = registry.create(new NewInvitation("Contoso S.p.A.", "contoso", null,
        "ana.garcia@contoso.example", "Ana", "García", culture, language, true, null, "process-1", "operator"));
    String token = registry.issueToken(invitation.id(), EXPIRES, true);
    invitation = registry.find(invitation.id()).orElseThrow();
    partnerMailer.sendInvitation(invitation, token);
    partnerMailer.sendReminder(invitation, registry.issueToken(invitation.id(), EXPIRES, false), 1);
    registry.claimAnswer(invitation.id(),
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, "Ana García", "ana.garcia@contoso.example", null, true));
    partnerMailer.sendRelationshipEstablished(registry.find(invitation.id()).orElseThrow(), "cust-1");

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(3);
    for (MimeMessage mail : received) {
      assertThat(mail.getSubject()).contains("Contoso S.p.A.").doesNotContain("S.p.A..");
      assertThat(part(mail, "text/html")).doesNotContain("S.p.A..");
      assertThat(part(mail, "text/plain")).doesNotContain("S.p.A..");
    }
    assertThat(part(received[1], "text/plain")).contains(reminderSentence);
    assertThat(part(received[1], "text/html")).contains(reminderSentence);
    assertThat(part(received[2], "text/plain")).contains("Sent by partnerflow for Northwind Partners S.p.A.");
  }

  @Test
  void delegatedAdminIsOnlyMentionedWhenAskedFor() throws Exception {
    Invitation invitation = sentInvitation("es-ES", "es", false, null);

    MimeMessage mail = single();
    for (String body : List.of(part(mail, "text/html"), part(mail, "text/plain"))) {
      assertThat(body).contains("Relación de revendedor").doesNotContainIgnoringCase("administración delegada");
    }
    mailer.sendReminder(invitation, registry.issueToken(invitation.id(), EXPIRES, false), 1);
    MimeMessage reminder = greenMail.getReceivedMessages()[1];
    assertThat(part(reminder, "text/plain")).doesNotContainIgnoringCase("administración delegada");
  }

  @Test
  void personalMessageArrivesEscapedWithItsLineBreaks() throws Exception {
    String message = "Dear Ana,\r\n<b>we</b> would love to work with you & your team.\n<a href=\"https://evil.example\">x</a>  \n";
    sentInvitation("en-GB", "en", false, message);

    MimeMessage mail = single();
    String html = part(mail, "text/html");
    assertThat(html)
        .contains("A message from Northwind Cloud Partners:")
        .contains("<span>Dear Ana,</span><br>"
            + "<span>&lt;b&gt;we&lt;/b&gt; would love to work with you &amp; your team.</span><br>"
            + "<span>&lt;a href=&quot;https://evil.example&quot;&gt;x&lt;/a&gt;</span>")
        .doesNotContain("<b>we</b>", "href=\"https://evil.example\"");
    assertThat(part(mail, "text/plain")).contains(
        "Dear Ana,\n<b>we</b> would love to work with you & your team.\n<a href=\"https://evil.example\">x</a>\n");
  }

  @Test
  void withoutPersonalMessageOrNameTheMailStillReadsWell() throws Exception {
    Invitation invitation = registry.create(new NewInvitation("Fabrikam", "fabrikam", null, "it@fabrikam.example",
        null, null, "fr-FR", "fr", false, "   ", "process-2", "operator"));
    String token = registry.issueToken(invitation.id(), EXPIRES, true);

    mailer.sendInvitation(registry.find(invitation.id()).orElseThrow(), token);

    MimeMessage mail = single();
    String text = part(mail, "text/plain");
    assertThat(text).startsWith("Hello,\n").doesNotContainPattern("\\bnull\\b")
        .contains(BASE_URL + "/invitation/" + token);
    // No message of the operator's: ours stands in, in the invitation's language, and speaks of no link
    assertThat(text).contains("A message from Northwind Cloud Partners:\n\nWe would like to become your Microsoft "
        + "cloud reseller").doesNotContain("link below");
    assertThat(part(mail, "text/html")).contains("We would like to become your Microsoft cloud reseller");
  }

  @Test
  void withoutPersonalMessageTheStandardOneIsInTheInvitationsLanguage() throws Exception {
    Invitation invitation = registry.create(new NewInvitation("Contoso", "contoso", null, "ana@contoso.example",
        "Ana", "García", "es-ES", "es", false, null, "process-3", "operator"));
    String token = registry.issueToken(invitation.id(), EXPIRES, true);

    mailer.sendInvitation(registry.find(invitation.id()).orElseThrow(), token);

    assertThat(part(single(), "text/plain")).contains("Nos gustaría ser su revendedor de Microsoft en la nube")
        .doesNotContain("We would like");
  }

  @Test
  void remindersCarryTheNewLinkTheReferenceAndTheReplyTo() throws Exception {
    Invitation invitation = sentInvitation("pt-BR", "pt", true, null);
    String newToken = registry.issueToken(invitation.id(), EXPIRES, false);

    mailer.sendReminder(invitation, newToken, 1);
    mailer.sendReminder(invitation, newToken, 1); // a retried job
    String secondToken = registry.issueToken(invitation.id(), EXPIRES, false);
    mailer.sendReminder(invitation, secondToken, 2);

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(3);
    MimeMessage reminder = received[1];
    assertThat(reminder.getSubject()).isEqualTo("Lembrete: Northwind Cloud Partners solicita tornar-se o revendedor "
        + "Microsoft de Contoso Ltd. [Ref: " + invitation.replyReference() + "]");
    assertThat(reminder.getMessageID())
        .isEqualTo("<" + InvitationMailer.reminderKey(invitation, 1) + "@partnerflow>")
        .matches("<invitation-" + invitation.id() + "-send-1-reminder-1@partnerflow>");
    assertThat(received[2].getMessageID())
        .isEqualTo("<" + InvitationMailer.reminderKey(invitation, 2) + "@partnerflow>");
    assertThat(reminder.getReplyTo()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(REPLY_MAILBOX);
    for (String body : List.of(part(reminder, "text/html"), part(reminder, "text/plain"))) {
      assertThat(body)
          .contains("Northwind Cloud Partners ainda aguarda a sua resposta")
          .contains("privilégios de administração delegada")
          .contains(BASE_URL + "/invitation/" + newToken)
          .contains("O convite é válido até 14 de fevereiro de 2026.")
          .contains("ACEITO ou RECUSO");
    }
  }

  @Test
  void sameSendIsDeliveredOnceAndAResendIsANewMail() throws Exception {
    Invitation invitation = registry.create(newInvitation("it-IT", "it", false, null));
    String token = registry.issueToken(invitation.id(), EXPIRES, true);
    invitation = registry.find(invitation.id()).orElseThrow();
    mailer.sendInvitation(invitation, token);
    mailer.sendInvitation(invitation, token); // a retried job whose token had committed
    assertThat(greenMail.getReceivedMessages()).hasSize(1);

    String resendToken = registry.issueToken(invitation.id(), EXPIRES, true);
    Invitation resent = registry.find(invitation.id()).orElseThrow();
    mailer.sendInvitation(resent, resendToken);

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(2);
    assertThat(received[1].getMessageID()).isEqualTo("<invitation-" + invitation.id() + "-send-2@partnerflow>");
    assertThat(part(received[1], "text/plain")).contains(BASE_URL + "/invitation/" + resendToken);
    assertThat(JdbcClient.create(dataSource).sql("select mail_key from sent_mail order by mail_key")
        .query(String.class).list())
        .containsExactly(InvitationMailer.invitationKey(invitation), InvitationMailer.invitationKey(resent));
  }

  @Test
  void aSendJobRetriedAfterItsMailWentOutSendsNothingAndThatMailsLinkStillWorks() throws Exception {
    Invitation created = registry.create(newInvitation("es-ES", "es", false, null));
    TransactionTemplate job = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
    String[] mailedToken = new String[1];

    // The send job as SendInvitationDelegate runs it; the node dies after the mail went out, before the job commits
    assertThatThrownBy(() -> job.executeWithoutResult(status -> {
      registry.openSend(created.id(), EXPIRES);
      Invitation invitation = registry.find(created.id()).orElseThrow();
      mailedToken[0] = InvitationTokens.newToken();
      mailer.sendInvitation(invitation, mailedToken[0], () -> registry.registerToken(invitation, mailedToken[0]));
      throw new IllegalStateException("killed before the job's commit");
    })).hasMessage("killed before the job's commit");
    assertThat(registry.find(created.id()).orElseThrow().sendCount()).as("the job's work rolled back").isZero();

    // The retry of the same job
    job.executeWithoutResult(status -> {
      registry.openSend(created.id(), EXPIRES);
      Invitation invitation = registry.find(created.id()).orElseThrow();
      assertThat(mailer.invitationSent(invitation)).isTrue();
    });

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(part(greenMail.getReceivedMessages()[0], "text/plain")).contains(BASE_URL + "/invitation/" + mailedToken[0]);
    Invitation opened = registry.findByToken(mailedToken[0]).orElseThrow();
    assertThat(opened.sendCount()).isEqualTo(1);
    assertThat(opened.status()).isEqualTo(InvitationStatus.PENDING);
    assertThat(opened.isOpenAt(NOW)).as("the mailed link opens the invitation").isTrue();
  }

  @Test
  void aResendRevokesTheLinksOfEarlierSendsOnly() {
    Invitation created = registry.create(newInvitation("es-ES", "es", false, null));
    String first = registry.issueToken(created.id(), EXPIRES, true);
    String reminder = registry.issueToken(created.id(), EXPIRES, false);

    String resent = registry.issueToken(created.id(), EXPIRES, true);

    assertThat(registry.findByToken(resent)).isPresent();
    assertThat(registry.findByToken(first)).isEmpty();
    assertThat(registry.findByToken(reminder)).isEmpty();
  }

  @Test
  void operationsHearInEnglishWhoAcceptedAndHow() throws Exception {
    Invitation invitation = sentInvitation("ru-RU", "ru", true, null);
    registry.claimAnswer(invitation.id(),
        new Answer(AnswerType.ACCEPT, AnswerChannel.EMAIL, "Ana García", "ana.garcia@contoso.example", null, null));
    Invitation accepted = registry.find(invitation.id()).orElseThrow();

    mailer.sendRelationshipEstablished(accepted, "cust-42");
    mailer.sendRelationshipEstablished(accepted, "cust-42");

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(2);
    MimeMessage notice = received[1];
    assertThat(notice.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress()).containsExactly(OPERATIONS);
    assertThat(notice.getSubject()).isEqualTo("Reseller relationship established: Contoso Ltd. (contoso.onmicrosoft.com)");
    assertThat(notice.getMessageID()).isEqualTo("<relationship-established-" + invitation.id() + "@partnerflow>");
    assertThat(notice.getHeader("Reply-To")).isNull();
    String text = part(notice, "text/plain");
    assertThat(text)
        .contains("Contoso Ltd. (contoso.onmicrosoft.com) accepted the invitation to connect")
        .contains("Accepted by: Ana García <ana.garcia@contoso.example>")
        .contains("Accepted at: 2026-01-15 09:30 UTC")
        .contains("Answered via: email reply")
        .contains("Delegated admin privileges: Yes")
        .contains("Customer ID: cust-42")
        .contains("Invitation ID: " + invitation.id())
        // Our own notice expects no answer: the reply words belong to the customer's invitation only
        .doesNotContain("ACCEPT", "DECLINE", "first word");
    assertThat(part(notice, "text/html"))
        .contains("Ana García &lt;ana.garcia@contoso.example&gt;", "email reply", "Yes", "cust-42");
  }

  @Test
  void operationsNoticeSaysNoWithoutDelegatedAdmin() throws Exception {
    Invitation invitation = sentInvitation("en-US", "en", false, null);
    registry.claimAnswer(invitation.id(),
        new Answer(AnswerType.ACCEPT, AnswerChannel.LINK, null, "admin@contoso.example", null, true));

    mailer.sendRelationshipEstablished(registry.find(invitation.id()).orElseThrow(), "cust-7");

    String text = part(greenMail.getReceivedMessages()[1], "text/plain");
    assertThat(text).contains("Accepted by: admin@contoso.example", "Answered via: acceptance link",
        "Delegated admin privileges: No");
  }

  @Test
  void acceptanceLinkIsBuiltFromThePublicBaseUrl() {
    assertThat(mailer.acceptanceLink("abc_DEF-123")).isEqualTo("http://localhost:8080/invitation/abc_DEF-123");
    assertThat(InvitationMailer.expiresOn(null, java.util.Locale.ENGLISH)).isNull();
    assertThat(Optional.ofNullable(InvitationMailer.expiresOn(EXPIRES, java.util.Locale.ITALIAN))).contains("14 febbraio 2026");
  }

  /** A mailer like the test's, for a partner with another name. */
  private InvitationMailer mailerOf(String partnerName) {
    org.springframework.mail.javamail.JavaMailSenderImpl sender = new org.springframework.mail.javamail.JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(greenMail.getSmtp().getPort());
    // No embedded-server settings: the default (off)
    TemplatedMailService mailService = new TemplatedMailService(sender, InvitationMailTestSupport.messageSource(),
        JdbcClient.create(dataSource), new DataSourceTransactionManager(dataSource),
        new MailProperties(InvitationMailTestSupport.FROM, null));
    return new InvitationMailer(mailService, new PartnerProfile(partnerName, "4800001", true, "EMEA", OPERATIONS),
        new InvitationProperties(Duration.ofDays(3), Duration.ofDays(7), Duration.ofDays(30), REPLY_MAILBOX),
        BASE_URL + "/");
  }

  private Invitation sentInvitation(String culture, String language, boolean delegatedAdmin, String message) {
    Invitation invitation = registry.create(newInvitation(culture, language, delegatedAdmin, message));
    String token = registry.issueToken(invitation.id(), EXPIRES, true);
    Invitation stored = registry.find(invitation.id()).orElseThrow();
    mailer.sendInvitation(stored, token);
    return stored;
  }

  private static MimeMessage single() {
    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    return received[0];
  }
}
