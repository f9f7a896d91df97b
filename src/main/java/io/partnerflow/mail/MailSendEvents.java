package io.partnerflow.mail;

/**
 * What {@link TemplatedMailService} publishes (Spring application events) about each send, so that
 * whoever counts mails needs no hook in here.
 */
public final class MailSendEvents {

  private MailSendEvents() {}

  /** The server accepted the mail and it is recorded as sent. */
  public record MailSent(String template) {}

  /**
   * Sending failed and nothing was recorded (a retry sends it).
   *
   * @param reason {@code prepare} (rendering, addresses), {@code send} (the SMTP server), {@code database}
   */
  public record MailFailed(String template, String reason) {}

  public static final String PREPARE = "prepare";
  public static final String SEND = "send";
  public static final String DATABASE = "database";
}
