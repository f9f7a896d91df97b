package io.partnerflow.mail;

import java.time.Duration;
import java.util.Properties;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * Bounds on every SMTP conversation, embedded server or external. JavaMail has none by default: a
 * server that stalls held a job thread until the job's lock expired, another node sent the mail
 * again, and the first then failed on optimistic locking.
 *
 * <p>{@code sendDeadline} bounds the whole conversation of one send (connect, every reply, the
 * data), however slowly a server answers within the per-step timeouts; it is what the job
 * executor's lock time is checked against ({@link MailTimeoutsConfiguration}).
 *
 * @param connectTimeout to open the connection
 * @param readTimeout for each reply of the server
 * @param writeTimeout for each write to the server
 * @param sendDeadline for the whole send of one mail ({@code smtp}; {@code smtps} has the per-step bounds only)
 */
public record SmtpTimeouts(Duration connectTimeout, Duration readTimeout, Duration writeTimeout, Duration sendDeadline) {

  public static final String PREFIX = "partnerflow.mail.smtp";
  public static final SmtpTimeouts DEFAULTS = new SmtpTimeouts(null, null, null, null);

  public SmtpTimeouts {
    connectTimeout = positiveOr(connectTimeout, Duration.ofSeconds(5), "connect-timeout");
    readTimeout = positiveOr(readTimeout, Duration.ofSeconds(10), "read-timeout");
    writeTimeout = positiveOr(writeTimeout, Duration.ofSeconds(10), "write-timeout");
    sendDeadline = positiveOr(sendDeadline, Duration.ofSeconds(15), "send-deadline");
  }

  /**
   * Sets the timeouts on the sender for {@code smtp} and {@code smtps}, where its properties (e.g.
   * {@code spring.mail.properties.*}) do not set them already, and the deadline for {@code smtp}.
   */
  public void applyTo(JavaMailSenderImpl sender) {
    Properties properties = sender.getJavaMailProperties();
    for (String protocol : new String[] {"smtp", "smtps"}) {
      String prefix = "mail." + protocol + ".";
      properties.putIfAbsent(prefix + "connectiontimeout", String.valueOf(connectTimeout.toMillis()));
      properties.putIfAbsent(prefix + "timeout", String.valueOf(readTimeout.toMillis()));
      properties.putIfAbsent(prefix + "writetimeout", String.valueOf(writeTimeout.toMillis()));
    }
    // An object, not a class name: JavaMail takes socket factory instances only through put()
    properties.putIfAbsent("mail.smtp.socketFactory", new DeadlineSocketFactory(sendDeadline));
  }

  private static Duration positiveOr(Duration value, Duration fallback, String name) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(PREFIX + "." + name + " must be positive, was " + value);
    }
    return value;
  }
}
