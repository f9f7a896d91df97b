package io.partnerflow.mail;

import java.nio.charset.StandardCharsets;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * The embedded default: an in-process mail server and a {@link JavaMailSender} that delivers to it.
 * Spring Boot's own mail sender (configured by {@code spring.mail.*}) backs off while this is on.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(prefix = "partnerflow.mail.embedded", name = "enabled", havingValue = "true")
public class EmbeddedMailServerConfiguration {

  @Bean(destroyMethod = "stop")
  public EmbeddedMailServer embeddedMailServer(MailProperties properties) {
    MailProperties.Embedded embedded = properties.embedded();
    EmbeddedMailServer server =
        new EmbeddedMailServer(embedded.smtpPort(), embedded.imapPort(), embedded.storePath());
    server.start();
    return server;
  }

  @Bean
  public JavaMailSenderImpl mailSender(EmbeddedMailServer server, Environment environment) {
    return mailSenderFor(server, MailTimeoutsConfiguration.timeouts(environment));
  }

  static JavaMailSenderImpl mailSenderFor(EmbeddedMailServer server) {
    return mailSenderFor(server, SmtpTimeouts.DEFAULTS);
  }

  static JavaMailSenderImpl mailSenderFor(EmbeddedMailServer server, SmtpTimeouts timeouts) {
    JavaMailSenderImpl sender = new JavaMailSenderImpl();
    sender.setHost(server.host());
    sender.setPort(server.smtpPort());
    sender.setProtocol("smtp");
    sender.setDefaultEncoding(StandardCharsets.UTF_8.name());
    timeouts.applyTo(sender);
    return sender;
  }
}
