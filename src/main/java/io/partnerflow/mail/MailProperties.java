package io.partnerflow.mail;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mail settings. {@code from} is the sender of every mail; {@code embedded} switches on the
 * in-process GreenMail SMTP + IMAP server (port 0 = any free port).
 */
@ConfigurationProperties("partnerflow.mail")
public record MailProperties(String from, Embedded embedded) {

  public MailProperties {
    if (embedded == null) {
      embedded = new Embedded(false, 0, 0);
    }
  }

  public record Embedded(boolean enabled, int smtpPort, int imapPort) {}
}
