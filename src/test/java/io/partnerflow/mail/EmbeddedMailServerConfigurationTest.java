package io.partnerflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.SimpleMailMessage;
import org.springframework.mail.javamail.JavaMailSender;

class EmbeddedMailServerConfigurationTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(MailProperties.class)
  static class Properties_ {}

  private final ApplicationContextRunner contexts =
      new ApplicationContextRunner()
          .withUserConfiguration(Properties_.class, EmbeddedMailServerConfiguration.class)
          .withPropertyValues(
              "partnerflow.mail.from=onboarding@northwind-partners.example",
              "partnerflow.mail.embedded.smtp-port=0",
              "partnerflow.mail.embedded.imap-port=0");

  @Test
  void deliversThroughItsSenderAndServesTheMailOverImap() {
    AtomicReference<EmbeddedMailServer> started = new AtomicReference<>();
    contexts
        .withPropertyValues("partnerflow.mail.embedded.enabled=true")
        .run(context -> {
          EmbeddedMailServer server = context.getBean(EmbeddedMailServer.class);
          started.set(server);
          assertThat(server.isRunning()).isTrue();
          assertThat(server.host()).isEqualTo("127.0.0.1");
          assertThat(server.smtpPort()).isPositive().isNotEqualTo(server.imapPort());
          assertThat(server.imapPort()).isPositive();

          SimpleMailMessage mail = new SimpleMailMessage();
          mail.setFrom("onboarding@northwind-partners.example");
          mail.setTo("ana.garcia@contoso.example");
          mail.setSubject("Hola desde partnerflow");
          mail.setText("¡Bienvenida!");
          context.getBean(JavaMailSender.class).send(mail);

          assertThat(server.receivedMessages()).singleElement()
              .satisfies(m -> assertThat(m.getSubject()).isEqualTo("Hola desde partnerflow"));

          Properties imap = new Properties();
          imap.put("mail.imap.connectiontimeout", "5000");
          imap.put("mail.imap.timeout", "5000");
          Store store = Session.getInstance(imap).getStore("imap");
          // Authentication is off: any password opens the recipient's mailbox.
          store.connect(server.host(), server.imapPort(), "ana.garcia@contoso.example", "anything");
          try {
            Folder inbox = store.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            Message[] messages = inbox.getMessages();
            assertThat(messages).hasSize(1);
            assertThat(messages[0].getSubject()).isEqualTo("Hola desde partnerflow");
            assertThat(((String) messages[0].getContent()).strip()).isEqualTo("¡Bienvenida!");
            inbox.close(false);
          } finally {
            store.close();
          }
        });
    assertThat(started.get().isRunning()).as("stopped with the context").isFalse();
  }

  @Test
  void keepsReceivedMailInTheStoreFolderOnlyWhenOneIsConfigured(@TempDir Path folder) {
    contexts
        .withPropertyValues("partnerflow.mail.embedded.enabled=true")
        .run(context -> assertThat(context.getBean(EmbeddedMailServer.class).storeFolder()).isNull());
    contexts
        .withPropertyValues("partnerflow.mail.embedded.enabled=true", "partnerflow.mail.embedded.store-dir=")
        .run(context -> assertThat(context.getBean(EmbeddedMailServer.class).storeFolder()).isNull());
    contexts
        .withPropertyValues("partnerflow.mail.embedded.enabled=true",
            "partnerflow.mail.embedded.store-dir=" + folder.resolve("mail"))
        .run(context -> {
          assertThat(context.getBean(EmbeddedMailServer.class).storeFolder()).isEqualTo(folder.resolve("mail"));
          SimpleMailMessage mail = new SimpleMailMessage();
          mail.setFrom("onboarding@northwind-partners.example");
          mail.setTo("ana.garcia@contoso.example");
          mail.setSubject("Stored");
          mail.setText("on disk");
          context.getBean(JavaMailSender.class).send(mail);
          try (var files = Files.list(folder.resolve("mail"))) {
            assertThat(files.map(file -> file.getFileName().toString()))
                .containsExactlyInAnyOrder("000000000001.eml", "000000000001.properties");
          }
        });
  }

  @Test
  void twoServersWithPortZeroGetDifferentPorts() {
    EmbeddedMailServer first = new EmbeddedMailServer(0, 0);
    EmbeddedMailServer second = new EmbeddedMailServer(0, 0);
    first.start();
    second.start();
    try {
      assertThat(second.smtpPort()).isNotIn(first.smtpPort(), first.imapPort());
      assertThat(second.imapPort()).isNotIn(first.smtpPort(), first.imapPort());
    } finally {
      first.stop();
      second.stop();
    }
  }

  @Test
  void isOffUnlessEnabled() {
    contexts
        .withPropertyValues("partnerflow.mail.embedded.enabled=false")
        .run(context -> {
          assertThat(context).doesNotHaveBean(EmbeddedMailServer.class);
          assertThat(context).doesNotHaveBean(JavaMailSender.class);
        });
  }
}
