package io.partnerflow.mail;

import static io.partnerflow.mail.MailTestSupport.part;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetupTest;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;
import org.springframework.transaction.support.TransactionTemplate;

class WelcomeMailerTest {

  @RegisterExtension
  static GreenMailExtension greenMail =
      new GreenMailExtension(ServerSetupTest.SMTP.dynamicPort())
          .withConfiguration(GreenMailConfiguration.aConfig().withDisabledAuthentication());

  /** Anything that looks like a credential being handed over in the mail. */
  private static final Pattern PASSWORD_VALUE =
      Pattern.compile(
          "(?iu)(password|passwort|contraseña|senha|пароль)\\s*[:=]|temp(orary)?\\s*pass\\s*[:=]|P@ss|Passw0rd");

  /** The answer words of invitation mails (ReplyReader's), in any of our languages. */
  private static final Pattern ANSWER_WORDS = Pattern.compile(
      "(?u)\\b(ACCEPT|DECLINE|ACEPTO|RECHAZO|ACEITO|RECUSO|ACCETTO|RIFIUTO|ПРИНИМАЮ|ОТКЛОНЯЮ)\\b");

  private DataSource dataSource;
  private DataSourceTransactionManager transactionManager;
  private TemplatedMailService mailService;
  private WelcomeMailer mailer;

  @BeforeEach
  void setUp() {
    dataSource = MailTestSupport.database();
    transactionManager = new DataSourceTransactionManager(dataSource);
    mailService = service(greenMail.getSmtp().getPort());
    mailer = new WelcomeMailer(mailService);
  }

  private TemplatedMailService service(int smtpPort) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(smtpPort);
    return new TemplatedMailService(
        sender,
        MailTestSupport.messageSource(),
        JdbcClient.create(dataSource),
        transactionManager,
        MailTestSupport.properties());
  }

  static Stream<Arguments> languages() {
    return Stream.of(
        Arguments.of("en-US", "en", "Your Microsoft cloud account for Contoso Ltd. is ready",
            "Good news: your Microsoft cloud account for Contoso Ltd. is ready.", "Subscription ID",
            "we never send passwords by email"),
        Arguments.of("es-ES", "es", "Su cuenta en la nube de Microsoft para Contoso Ltd. está lista",
            "Buenas noticias: su cuenta en la nube de Microsoft para Contoso Ltd. ya está lista.",
            "Id. de suscripción", "nunca enviamos contraseñas por correo electrónico"),
        Arguments.of("pt-BR", "pt", "Sua conta na nuvem da Microsoft para Contoso Ltd. está pronta",
            "Boas notícias: sua conta na nuvem da Microsoft para Contoso Ltd. está pronta.",
            "ID da assinatura", "nunca enviamos senhas por e-mail"),
        Arguments.of("ru-RU", "ru",
            "Ваша облачная учётная запись Microsoft для компании «Contoso Ltd.» готова",
            "Рады сообщить, что Ваша облачная учётная запись Microsoft для компании «Contoso Ltd.» готова.",
            "Идентификатор подписки", "мы никогда не отправляем пароли по электронной почте"),
        Arguments.of("it-IT", "it", "Il Suo account cloud Microsoft per Contoso Ltd. è pronto",
            "Siamo lieti di comunicarLe che il Suo account cloud Microsoft per Contoso Ltd. è pronto.",
            "ID abbonamento", "non inviamo mai password via e-mail"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void sendsTheWelcomeMailInTheCustomersLanguage(
      String culture, String language, String subject, String readyPhrase, String idHeader,
      String passwordPhrase) throws Exception {
    Locale locale = MailLocales.resolve(culture, language);

    assertThat(mailer.send(welcome("cust-" + language, "Contoso Ltd.", locale))).isTrue();

    MimeMessage[] received = greenMail.getReceivedMessages();
    assertThat(received).hasSize(1);
    MimeMessage mail = received[0];
    assertThat(mail.getAllRecipients()).extracting(a -> ((InternetAddress) a).getAddress())
        .containsExactly("ana.garcia@contoso.example");
    assertThat(((InternetAddress) mail.getFrom()[0]).getAddress()).isEqualTo(MailTestSupport.FROM);
    assertThat(mail.getSubject()).isEqualTo(subject);
    assertThat(mail.getContentType()).startsWith("multipart/alternative");
    assertThat(mail.getMessageID()).isEqualTo("<welcome-cust-" + language + "@partnerflow>");

    String html = part(mail, "text/html");
    String text = part(mail, "text/plain");
    for (String body : List.of(html, text)) {
      assertThat(body)
          .contains(readyPhrase, passwordPhrase, idHeader)
          .contains("admin@contoso.onmicrosoft.com", "contoso.onmicrosoft.com")
          .contains("Microsoft 365 Business Basic", "25", "3f2a9c1e-7b44-4f0a-9d55-0c1b2e3d4f5a")
          .contains("Microsoft 365 E3", "5", "8c7d6e5f-1a2b-4c3d-8e9f-a0b1c2d3e4f5")
          .contains("Northwind Cloud Partners", "Ana García", "https://admin.microsoft.com")
          .doesNotContainPattern(PASSWORD_VALUE)
          .doesNotContain("null");
    }
    assertThat(html).contains("lang=\"" + locale.toLanguageTag() + "\"");
    assertThat(mailService.wasSent("welcome-cust-" + language)).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("languages")
  void suggestsNoAnswerWordsTheWelcomeNeedsNoAnswer(String culture, String language) throws Exception {
    mailer.send(welcome("cust-" + language, "Contoso S.p.A.", MailLocales.resolve(culture, language)));

    MimeMessage mail = greenMail.getReceivedMessages()[0];
    // No Reply-To: nothing reads answers to it (invitations carry one, and their answer words)
    assertThat(mail.getHeader("Reply-To")).isNull();
    for (String body : List.of(part(mail, "text/html"), part(mail, "text/plain"))) {
      assertThat(body).doesNotContainPattern(ANSWER_WORDS).contains("Contoso S.p.A.").doesNotContain("S.p.A..");
    }
  }

  @Test
  void sameWelcomeTwiceIsDeliveredOnce() throws Exception {
    WelcomeEmail welcome = welcome("cust-1", "Contoso Ltd.", MailLocales.ENGLISH);

    assertThat(mailer.send(welcome)).isTrue();
    assertThat(mailer.send(welcome)).isFalse();

    assertThat(greenMail.getReceivedMessages()).hasSize(1);
    assertThat(JdbcClient.create(dataSource).sql("select recipient, subject from sent_mail")
            .query().listOfRows())
        .singleElement()
        .satisfies(row -> {
          assertThat(row).containsEntry("RECIPIENT", "ana.garcia@contoso.example");
          assertThat(row).containsEntry("SUBJECT", "Your Microsoft cloud account for Contoso Ltd. is ready");
        });
  }

  @Test
  void rollbackOfTheCallersTransactionDoesNotForgetTheSentMail() {
    WelcomeEmail welcome = welcome("cust-2", "Contoso Ltd.", MailLocales.ENGLISH);
    TransactionTemplate jobTransaction = new TransactionTemplate(transactionManager);

    jobTransaction.executeWithoutResult(status -> {
      mailer.send(welcome);
      status.setRollbackOnly(); // e.g. a later step of the engine's job fails
    });
    Boolean resent = jobTransaction.execute(status -> mailer.send(welcome)); // the job's retry

    assertThat(resent).isFalse();
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void failedSendIsNotRecordedSoARetrySendsIt() throws Exception {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    WelcomeEmail welcome = welcome("cust-3", "Contoso Ltd.", MailLocales.ENGLISH);

    assertThatThrownBy(() -> new WelcomeMailer(service(closedPort)).send(welcome))
        .isInstanceOf(MailSendException.class);
    assertThat(mailService.wasSent("welcome-cust-3")).isFalse();

    assertThat(mailer.send(welcome)).isTrue();
    assertThat(greenMail.getReceivedMessages()).hasSize(1);
  }

  @Test
  void messageIdIsDerivedFromTheIdempotencyKey() throws Exception {
    assertThat(KeyedMimeMessage.messageId("welcome-42")).isEqualTo("<welcome-42@partnerflow>");
    String odd = KeyedMimeMessage.messageId("invite <a@b> 7");
    assertThat(odd)
        .isEqualTo(KeyedMimeMessage.messageId("invite <a@b> 7"))
        .isNotEqualTo(KeyedMimeMessage.messageId("invite <a@b> 8"))
        .matches("<[A-Za-z0-9._-]+@partnerflow>");

    mailer.send(welcome("c-9f1e", "Contoso Ltd.", MailLocales.ENGLISH));
    assertThat(greenMail.getReceivedMessages()[0].getMessageID()).isEqualTo("<welcome-c-9f1e@partnerflow>");
  }

  @Test
  void htmlInTheCompanyNameArrivesEscaped() throws Exception {
    String evil = "<script>alert('x')</script><a href=\"https://evil.example\">Contoso</a> & Co";

    mailer.send(welcome("cust-4", evil, MailLocales.ENGLISH));

    MimeMessage mail = greenMail.getReceivedMessages()[0];
    String html = part(mail, "text/html");
    assertThat(html)
        .doesNotContain("<script", "href=\"https://evil.example\"")
        .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&lt;a href=&quot;https://evil.example&quot;&gt;Contoso&lt;/a&gt; &amp; Co");
    assertThat(mail.getSubject()).isEqualTo("Your Microsoft cloud account for " + evil + " is ready");
  }

  @Test
  void greetsWithoutANameAndSkipsAnEmptySubscriptionTable() throws Exception {
    mailer.send(new WelcomeEmail("cust-5", "it@fabrikam.example", null, "Fabrikam", null,
        "admin@fabrikam.onmicrosoft.com", MailLocales.ITALIAN, "Northwind Cloud Partners", null));

    MimeMessage mail = greenMail.getReceivedMessages()[0];
    String html = part(mail, "text/html");
    String text = part(mail, "text/plain");
    assertThat(text).startsWith("Gentile cliente,").contains("Acceda all'interfaccia di amministrazione")
        .doesNotContain("I Suoi abbonamenti", "null");
    assertThat(html).contains("Gentile cliente,").doesNotContain("<table cellpadding=\"0\" cellspacing=\"0\" width=\"100%\"");
  }

  @Test
  void mailLocalesResolveCultureThenLanguageThenEnglish() {
    assertThat(MailLocales.resolve("es-MX", null)).isEqualTo(MailLocales.SPANISH);
    assertThat(MailLocales.resolve("pt-PT", "pt")).isEqualTo(Locale.forLanguageTag("pt-BR"));
    assertThat(MailLocales.resolve("pt_BR", null)).isEqualTo(MailLocales.BRAZILIAN_PORTUGUESE);
    assertThat(MailLocales.resolve("ru-KZ", "ru")).isEqualTo(MailLocales.RUSSIAN);
    assertThat(MailLocales.resolve("it-CH", "it")).isEqualTo(MailLocales.ITALIAN);
    assertThat(MailLocales.resolve("de-DE", "es")).isEqualTo(MailLocales.SPANISH);
    assertThat(MailLocales.resolve("fr-FR", "fr")).isEqualTo(Locale.ENGLISH);
    assertThat(MailLocales.resolve(null, null)).isEqualTo(Locale.ENGLISH);
    assertThat(MailLocales.resolve(" ", "EN")).isEqualTo(Locale.ENGLISH);
  }

  private static WelcomeEmail welcome(String customerId, String companyName, Locale locale) {
    return new WelcomeEmail(
        customerId,
        "ana.garcia@contoso.example",
        "Ana García",
        companyName,
        "contoso.onmicrosoft.com",
        "admin@contoso.onmicrosoft.com",
        locale,
        "Northwind Cloud Partners",
        List.of(
            new WelcomeEmail.Line("Microsoft 365 Business Basic", 25, "3f2a9c1e-7b44-4f0a-9d55-0c1b2e3d4f5a"),
            new WelcomeEmail.Line("Microsoft 365 E3", 5, "8c7d6e5f-1a2b-4c3d-8e9f-a0b1c2d3e4f5")));
  }
}
