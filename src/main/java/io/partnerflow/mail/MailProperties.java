package io.partnerflow.mail;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Mail settings. {@code from} is the sender of every mail; {@code embedded} switches on the
 * in-process GreenMail SMTP + IMAP server (port 0 = any free port).
 */
@ConfigurationProperties("partnerflow.mail")
public record MailProperties(String from, Embedded embedded) {

  public MailProperties {
    if (embedded == null) {
      embedded = new Embedded(false, 0, 0, null);
    }
  }

  /**
   * @param storeDir folder that keeps every mail the embedded server received, so its mailboxes
   *     survive a restart ({@link MailStore}); empty = in memory only (the default when unset, so
   *     tests and other contexts never write into the application's folder by accident)
   */
  public record Embedded(boolean enabled, int smtpPort, int imapPort, String storeDir) {

    /** The store folder, or null when mail is kept in memory only. */
    public Path storePath() {
      return storeDir == null || storeDir.isBlank() ? null : Path.of(storeDir.strip());
    }
  }
}
