package io.partnerflow.mail;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.partnerflow.mail.MailSendEvents.MailFailed;
import io.partnerflow.mail.MailSendEvents.MailSent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.MessageSource;
import org.springframework.dao.DataAccessException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.mail.MailParseException;
import org.springframework.mail.MailPreparationException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Renders a {@link TemplatedMail} in its locale and sends it at most once per idempotency key.
 *
 * <p>Sending happens inside the engine's job transaction, which may still roll back after the mail
 * went out (and then the job is retried). So the key goes into {@code sent_mail} in a transaction
 * of its own, which commits right after the server accepted the mail, and a retry finds it and
 * skips. The row is written before the send: its unique key holds a lock until that transaction
 * ends, so a second sender of the same key (the same job run again elsewhere) waits, then finds
 * the mail sent, or sends it itself if this send failed. Two sends of one key never overlap.
 *
 * <p>What remains: a crash, or a reply lost past the read timeout, after the server accepted the
 * mail and before that commit sends it once more on the retry, with the same Message-ID.
 *
 * <p>Each send and failure is published as a {@link MailSendEvents} event (the mail metrics count them).
 */
@Service
public class TemplatedMailService {

  private static final Logger log = LoggerFactory.getLogger(TemplatedMailService.class);
  private static final String UTF_8 = StandardCharsets.UTF_8.name();

  private final JavaMailSender sender;
  private final MessageSource messageSource;
  private final ITemplateEngine templates;
  private final JdbcClient jdbc;
  private final TransactionTemplate ownTransaction;
  private final MailProperties properties;
  private final ApplicationEventPublisher events;

  /** Publishes no events (tests that build the service by hand). */
  public TemplatedMailService(
      JavaMailSender sender,
      MessageSource messageSource,
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      MailProperties properties) {
    this(sender, messageSource, jdbc, transactionManager, properties, event -> { });
  }

  @Autowired
  public TemplatedMailService(
      JavaMailSender sender,
      MessageSource messageSource,
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      MailProperties properties,
      ApplicationEventPublisher events) {
    this.events = events;
    this.sender = sender;
    this.messageSource = messageSource;
    this.templates = MailTemplates.engine(messageSource);
    this.jdbc = jdbc;
    this.ownTransaction = new TransactionTemplate(transactionManager);
    this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    this.properties = properties;
  }

  /**
   * Sends the mail unless one with the same idempotency key already went out.
   *
   * @return true if it was sent now, false if it had been sent before
   * @throws org.springframework.mail.MailException if rendering or sending fails (nothing recorded,
   *     so a retry sends it)
   * @throws org.springframework.dao.DataAccessException if the database fails or times out while
   *     another worker sends the same key (nothing sent; a retry finds out)
   */
  public boolean send(TemplatedMail mail) {
    return send(mail, () -> {});
  }

  /**
   * Sends the mail unless one with the same idempotency key already went out, and runs
   * {@code recordWithIt} in the transaction that records it as sent: what the mail hands out (a
   * link's token) commits exactly when the mail counts as sent, whatever becomes of the caller's
   * transaction.
   *
   * @return true if it was sent now, false if it had been sent before
   */
  public boolean send(TemplatedMail mail, Runnable recordWithIt) {
    boolean sent;
    try {
      sent = sendOnce(mail, recordWithIt);
    } catch (RuntimeException e) {
      events.publishEvent(new MailFailed(mail.template(), failureReason(e)));
      throw e;
    }
    if (sent) {
      events.publishEvent(new MailSent(mail.template()));
    }
    return sent;
  }

  /** The names of the templates a mail can use (each has a {@code .txt} and an {@code .html} part). */
  public static List<String> templateNames() {
    return MailTemplates.names();
  }

  private boolean sendOnce(TemplatedMail mail, Runnable recordWithIt) {
    String key = mail.idempotencyKey();
    if (wasSent(key)) {
      log.info("Mail {} was already sent; not sending it again", key);
      return false;
    }
    String subject = subject(mail);
    MimeMessage message = build(mail, subject);
    try {
      ownTransaction.executeWithoutResult(status -> {
        record(mail, subject);
        recordWithIt.run();
        sender.send(message);
      });
    } catch (DuplicateKeyException e) {
      log.info("Mail {} was sent meanwhile by another worker; not sending it again", key);
      return false;
    }
    log.info("Sent mail {} (template {}, {})", key, mail.template(), mail.locale().toLanguageTag());
    return true;
  }

  /** Whether a mail with this idempotency key has been sent. */
  public boolean wasSent(String idempotencyKey) {
    Integer count =
        jdbc.sql("select count(*) from sent_mail where mail_key = ?")
            .param(idempotencyKey)
            .query(Integer.class)
            .single();
    return count != null && count > 0;
  }

  /** Renders subject and both bodies without sending, e.g. for a preview. */
  public Rendered render(TemplatedMail mail) {
    String subject = subject(mail);
    Map<String, Object> variables = new HashMap<>(mail.model());
    variables.put("subject", subject);
    Context context = new Context(mail.locale(), variables);
    String html = templates.process(mail.template() + ".html", context);
    String text = templates.process(mail.template() + ".txt", context);
    return new Rendered(subject, html, text);
  }

  /** A rendered mail: subject, HTML body and plain-text body. */
  public record Rendered(String subject, String html, String text) {}

  private String subject(TemplatedMail mail) {
    String subject = messageSource.getMessage(mail.subjectKey(), mail.subjectArgs(), mail.locale());
    // Values in the subject (company names) come from user input: no header line breaks.
    return subject.replaceAll("[\\r\\n\\t]+", " ").strip();
  }

  private MimeMessage build(TemplatedMail mail, String subject) {
    String from = Objects.requireNonNull(properties.from(), "partnerflow.mail.from is not set");
    try {
      Rendered rendered = render(mail);
      MimeMessage message = sender.createMimeMessage();
      message.setFrom(new InternetAddress(from, true));
      message.setRecipient(MimeMessage.RecipientType.TO, address(mail.to(), mail.toName()));
      if (mail.replyTo() != null) {
        message.setReplyTo(new InternetAddress[] {address(mail.replyTo(), null)});
      }
      message.setSubject(subject, UTF_8);

      MimeBodyPart text = new MimeBodyPart();
      text.setText(rendered.text(), UTF_8, "plain");
      MimeBodyPart html = new MimeBodyPart();
      html.setText(rendered.html(), UTF_8, "html");
      // Least preferred first, as RFC 2046 orders alternatives.
      MimeMultipart alternative = new MimeMultipart("alternative");
      alternative.addBodyPart(text);
      alternative.addBodyPart(html);
      message.setContent(alternative);
      message.saveChanges();
      return new KeyedMimeMessage(message, mail.idempotencyKey());
    } catch (MessagingException | UnsupportedEncodingException e) {
      throw new MailPreparationException("Could not build mail " + mail.idempotencyKey(), e);
    }
  }

  private static String failureReason(RuntimeException e) {
    if (e instanceof DataAccessException) {
      return MailSendEvents.DATABASE;
    }
    if (e instanceof MailPreparationException || e instanceof MailParseException
        || e instanceof org.springframework.context.NoSuchMessageException
        || e instanceof org.thymeleaf.exceptions.TemplateEngineException) {
      return MailSendEvents.PREPARE;
    }
    return MailSendEvents.SEND;
  }

  private static InternetAddress address(String email, String name)
      throws MessagingException, UnsupportedEncodingException {
    InternetAddress address =
        name == null || name.isBlank()
            ? new InternetAddress(email.strip())
            : new InternetAddress(email.strip(), name.strip(), UTF_8);
    address.validate();
    return address;
  }

  private void record(TemplatedMail mail, String subject) {
    jdbc.sql("insert into sent_mail (mail_key, recipient, subject, sent_at) values (?, ?, ?, ?)")
        .params(
            mail.idempotencyKey(),
            truncate(mail.to(), 320),
            truncate(subject, 500),
            LocalDateTime.now(ZoneOffset.UTC))
        .update();
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
