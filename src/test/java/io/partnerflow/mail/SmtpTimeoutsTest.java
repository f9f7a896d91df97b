package io.partnerflow.mail;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.partnerflow.testsupport.SilentServer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.mail.MailSendException;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/** No SMTP server, however slow, holds a send past its bounds, and two sends of one mail never overlap. */
class SmtpTimeoutsTest {

  private static final SmtpTimeouts SHORT =
      new SmtpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(1), Duration.ofSeconds(2));

  private StallingSmtpServer server;

  @AfterEach
  void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aServerThatNeverAnswersFailsTheSendAfterTheReadTimeout() throws Exception {
    DataSource database = MailTestSupport.database();

    long started = System.nanoTime();
    try (SilentServer silent = new SilentServer()) {
      assertThatThrownBy(() -> service(database, SHORT, silent.port()).send(welcome("silent")))
          .isInstanceOf(MailSendException.class);
    }

    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(900), Duration.ofSeconds(5));
    assertThat(sentMailRows(database)).as("nothing recorded, so a retry sends it").isZero();
  }

  @Test
  void aServerThatAnswersEveryStepJustInTimeIsCutOffAtTheSendDeadline() throws Exception {
    server = new StallingSmtpServer().replyingAfter(Duration.ofMillis(700)); // each step within the 1 s read timeout
    DataSource database = MailTestSupport.database();

    long started = System.nanoTime();
    assertThatThrownBy(() -> service(database).send(welcome("drip"))).isInstanceOf(MailSendException.class);

    // Seven replies at 0.7 s would take ~5 s; the 2 s deadline closes the connection
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isBetween(Duration.ofMillis(1900), Duration.ofMillis(3500));
    assertThat(server.mails()).isEmpty();
  }

  @Test
  void aServerInTimeDeliversTheMailOnce() throws Exception {
    server = new StallingSmtpServer().replyingAfter(Duration.ofMillis(50));
    DataSource database = MailTestSupport.database();

    assertThat(service(database).send(welcome("prompt"))).isTrue();
    assertThat(service(database).send(welcome("prompt"))).isFalse();

    assertThat(server.mails()).hasSize(1);
    assertThat(sentMailRows(database)).isEqualTo(1);
  }

  @Test
  void aSecondSendOfTheSameMailWaitsForTheFirstAndDoesNotSendAgain() throws Exception {
    // The first send's final reply comes late: the second starts meanwhile, as a job run again
    // by another node would. It must wait on the first and then find the mail sent.
    server = new StallingSmtpServer().holdingTheFinalReplyFor(Duration.ofMillis(1500));
    SmtpTimeouts patient =
        new SmtpTimeouts(Duration.ofSeconds(1), Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(5));
    DataSource database = MailTestSupport.database();
    TemplatedMailService first = service(database, patient);
    TemplatedMailService second = service(database, patient);

    ExecutorService workers = Executors.newFixedThreadPool(2);
    try {
      Future<Boolean> firstSend = workers.submit(sending(first, "concurrent"));
      Thread.sleep(400);
      Future<Boolean> secondSend = workers.submit(sending(second, "concurrent"));

      assertThat(firstSend.get()).isTrue();
      assertThat(secondSend.get()).as("the second finds the first's record").isFalse();
    } finally {
      workers.shutdownNow();
    }
    assertThat(server.mails()).hasSize(1);
    assertThat(sentMailRows(database)).isEqualTo(1);
  }

  @Test
  void aFailedSendLeavesTheKeyToTheNextSender() throws Exception {
    DataSource database = MailTestSupport.database();
    try (SilentServer silent = new SilentServer()) {
      assertThatThrownBy(() -> service(database, SHORT, silent.port()).send(welcome("retried")))
          .isInstanceOf(MailSendException.class);
    }

    server = new StallingSmtpServer();
    assertThat(service(database).send(welcome("retried"))).isTrue();
    assertThat(server.mails()).hasSize(1);
  }

  @Test
  void everySenderGetsTheTimeoutsUnlessItsOwnPropertiesSetThem() {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.getJavaMailProperties().put("mail.smtp.timeout", "2500"); // spring.mail.properties.mail.smtp.timeout

    SmtpTimeouts.DEFAULTS.applyTo(sender);

    assertThat(sender.getJavaMailProperties())
        .containsEntry("mail.smtp.connectiontimeout", "5000")
        .containsEntry("mail.smtp.timeout", "2500")
        .containsEntry("mail.smtp.writetimeout", "10000")
        .containsEntry("mail.smtps.connectiontimeout", "5000")
        .containsEntry("mail.smtps.timeout", "10000")
        .containsEntry("mail.smtps.writetimeout", "10000");
    assertThat(sender.getJavaMailProperties().get("mail.smtp.socketFactory"))
        .isInstanceOfSatisfying(DeadlineSocketFactory.class, f -> assertThat(f.deadline()).isEqualTo(Duration.ofSeconds(15)));
  }

  @Test
  void aJobLockShorterThanTwoSendsAndTheDatabaseWorkRefusesToStart() {
    assertThatThrownBy(() -> MailTimeoutsConfiguration.checkLockTime(SmtpTimeouts.DEFAULTS, 39_999))
        .hasMessageContaining("camunda.bpm.job-execution.lock-time-in-millis=39999")
        .hasMessageContaining("partnerflow.mail.smtp.send-deadline (PT15S)")
        .hasMessageContaining("40000 ms");
    MailTimeoutsConfiguration.checkLockTime(SmtpTimeouts.DEFAULTS, 40_000);
    assertThatThrownBy(() -> new SmtpTimeouts(null, Duration.ZERO, null, null))
        .hasMessageContaining("partnerflow.mail.smtp.read-timeout must be positive");
  }

  private static Callable<Boolean> sending(TemplatedMailService service, String key) {
    return () -> service.send(welcome(key));
  }

  private TemplatedMailService service(DataSource database) {
    return service(database, SHORT);
  }

  private TemplatedMailService service(DataSource database, SmtpTimeouts timeouts) {
    return service(database, timeouts, server.port());
  }

  private static TemplatedMailService service(DataSource database, SmtpTimeouts timeouts, int port) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost("127.0.0.1");
    sender.setPort(port);
    timeouts.applyTo(sender);
    return new TemplatedMailService(sender, MailTestSupport.messageSource(), JdbcClient.create(database),
        new DataSourceTransactionManager(database), MailTestSupport.properties());
  }

  private static TemplatedMail welcome(String customerId) {
    return new WelcomeMailer(null).toTemplatedMail(new WelcomeEmail(customerId, "ana.garcia@contoso.example",
        "Ana García", "Contoso Ltd.", "contoso.onmicrosoft.com", "admin@contoso.onmicrosoft.com", Locale.ENGLISH,
        "Northwind Cloud Partners", List.of(new WelcomeEmail.Line("Microsoft 365 E3", 5, "8c7d6e5f"))));
  }

  private static int sentMailRows(DataSource database) {
    return JdbcClient.create(database).sql("select count(*) from sent_mail").query(Integer.class).single();
  }
}
