package io.partnerflow.mail;

import static org.assertj.core.api.Assertions.assertThat;

import io.partnerflow.config.FullStopMessageSource;
import io.partnerflow.config.MessagesConfiguration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.context.MessageSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.mail.MailSenderAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.javamail.JavaMailSender;

/** The mail beans with Boot's auto-configuration and our message source, as application.yml sets them up. */
class MailWiringTest {

  @Configuration(proxyBeanMethods = false)
  @EnableConfigurationProperties(MailProperties.class)
  static class Properties_ {}

  @Test
  void welcomeMailGoesOutThroughTheEmbeddedServerWithTheAppsMessageSource() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(
            DataSourceAutoConfiguration.class,
            DataSourceTransactionManagerAutoConfiguration.class,
            JdbcTemplateAutoConfiguration.class,
            JdbcClientAutoConfiguration.class,
            MessageSourceAutoConfiguration.class,
            MailSenderAutoConfiguration.class))
        .withUserConfiguration(
            Properties_.class, MessagesConfiguration.class, EmbeddedMailServerConfiguration.class,
            TemplatedMailService.class,
            WelcomeMailer.class)
        .withPropertyValues(
            "spring.datasource.url=jdbc:h2:mem:wiring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "spring.messages.basename=i18n/messages,i18n/mail",
            "spring.messages.encoding=UTF-8",
            "spring.messages.fallback-to-system-locale=false",
            "spring.mail.host=smtp.should-not-be-used.example",
            "partnerflow.mail.from=onboarding@northwind-partners.example",
            "partnerflow.mail.embedded.enabled=true",
            "partnerflow.mail.embedded.smtp-port=0",
            "partnerflow.mail.embedded.imap-port=0")
        .run(context -> {
          assertThat(context).hasNotFailed().hasSingleBean(JavaMailSender.class);
          context.getBean(JdbcClient.class)
              .sql("create table sent_mail (mail_key varchar(200) primary key,"
                  + " recipient varchar(320) not null, subject varchar(500), sent_at timestamp not null)")
              .update();

          context.getBean(WelcomeMailer.class).send(new WelcomeEmail(
              "c-7", "pedro@fabrikam.example", "Pedro", "Fabrikam", "fabrikam.onmicrosoft.com",
              "admin@fabrikam.onmicrosoft.com", MailLocales.resolve("pt-BR", "pt"),
              "Northwind Cloud Partners",
              List.of(new WelcomeEmail.Line("Microsoft 365 Business Standard", 3, "sub-1"))));

          assertThat(context.getBean(EmbeddedMailServer.class).receivedMessages())
              .singleElement()
              .satisfies(m -> assertThat(m.getSubject())
                  .isEqualTo("Sua conta na nuvem da Microsoft para Fabrikam está pronta"));
          assertThat(context.getBean("messageSource")).isInstanceOf(FullStopMessageSource.class);
        });
  }
}
