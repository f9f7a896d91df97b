package io.partnerflow.referral;

import static io.partnerflow.mail.InboundMailText.decoded;
import static io.partnerflow.mail.InboundMailText.header;

import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.mail.ImapMailbox;
import io.partnerflow.mail.MailboxPoller;
import io.partnerflow.mail.MailboxPolling;
import io.partnerflow.mail.InboundMailText;
import io.partnerflow.mail.InboundMailText.SyntheticIdDate;
import io.partnerflow.mail.ProcessedMails;
import io.partnerflow.referral.ReferralMailParser.InboundReferralMail;
import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads new mail in the referrals mailbox over IMAP ({@link ImapMailbox}) and turns each into a
 * referral ({@link ReferralMailParser} → {@link ReferralIntake#receive}). Table
 * {@code processed_mail} (by Message-ID, {@link ProcessedMails}) guarantees a mail is handled once;
 * the referral, its process and that row commit in one transaction. A mail that fails validation
 * starts nothing but is still recorded, with outcome {@code invalid: <fields>}, logged and marked
 * read: never silently lost, never retried. A mail whose handling fails otherwise stays unread for
 * the next poll.
 *
 * <p>Runs on a schedule ({@link ReferralMailPollingConfiguration}) unless
 * {@code partnerflow.referral.mail.enabled=false}; {@link #pollOnce()} works either way. Each poll's
 * result goes to its {@link MailboxPolling} (health and poller lag).
 */
@Component
public class ReferralMailPoller implements MailboxPoller {

  /** Its name in health and metrics. */
  public static final String NAME = "referrals";

  private static final Logger log = LoggerFactory.getLogger(ReferralMailPoller.class);
  /** {@code referral.external_reference} holds 200; longer Message-IDs are replaced by a hash. */
  static final int MAX_MESSAGE_ID_LENGTH = 200;

  private final ReferralMailProperties properties;
  private final ReferralMailParser parser;
  private final ReferralIntake intake;
  private final ObjectProvider<EmbeddedMailServer> embeddedServer;
  private final ProcessedMails processedMails;
  private final TransactionTemplate transaction;
  private final AtomicBoolean reportedIdle = new AtomicBoolean();
  private final MailboxPolling polling;

  public ReferralMailPoller(
      ReferralMailProperties properties,
      ReferralMailParser parser,
      ReferralIntake intake,
      ObjectProvider<EmbeddedMailServer> embeddedServer,
      JdbcClient jdbc,
      PlatformTransactionManager transactionManager,
      Clock clock) {
    this.properties = properties;
    this.parser = parser;
    this.intake = intake;
    this.embeddedServer = embeddedServer;
    this.processedMails = new ProcessedMails(jdbc, clock);
    this.transaction = new TransactionTemplate(transactionManager);
    // wall-clock time: the Clock bean follows the engine clock, which process tests move
    this.polling = new MailboxPolling(NAME, properties.enabled(), properties.pollInterval(), Clock.systemUTC());
  }

  @Override
  public MailboxPolling polling() {
    return polling;
  }

  /** What became of one mail. */
  enum Outcome { REFERRAL, INVALID, ALREADY_PROCESSED, FAILED }

  /**
   * Handles every unread, not yet processed mail once.
   *
   * @return how many mails this poll recorded (referrals received and invalid mails); a mail whose
   *     handling failed is not counted and stays unread for the next poll
   */
  public synchronized int pollOnce() {
    Optional<ImapMailbox.Settings> mailbox = mailbox();
    if (mailbox.isEmpty()) {
      polling.notConfigured();
      if (reportedIdle.compareAndSet(false, true)) {
        log.info("Not reading referral mails: no IMAP host or mailbox configured");
      }
      return 0;
    }
    ImapMailbox.Settings box = mailbox.get();
    int[] recorded = {0};
    try (ImapMailbox inbox = ImapMailbox.open(box, log)) {
      inbox.handleUnseen(message -> {
        Outcome outcome = handle(message, box);
        if (outcome == Outcome.REFERRAL || outcome == Outcome.INVALID) {
          recorded[0]++;
        }
        return outcome != Outcome.FAILED;
      });
      polling.succeeded();
      return recorded[0];
    } catch (RuntimeException e) {
      polling.failed(e.toString());
      throw e;
    } catch (MessagingException e) {
      polling.failed(e.toString());
      log.warn("Could not read the referrals mailbox {} at {}:{}: {}", box.username(), box.host(), box.port(),
          e.toString());
      return recorded[0];
    }
  }

  private Outcome handle(Message message, ImapMailbox.Settings box) throws MessagingException {
    String messageId = messageId(message);
    if (processedMails.isProcessed(messageId)) {
      return Outcome.ALREADY_PROCESSED; // only the \Seen flag was lost, e.g. by a crash in between
    }
    InboundReferralMail mail = toMail(message, messageId);
    NewReferral request = parser.parse(mail);
    try {
      Referral referral = transaction.execute(status -> {
        Referral received = intake.receive(request);
        processedMails.record(messageId, box.username(), "referral " + received.id());
        return received;
      });
      log.info("Referral mail {} from {}: referral {} for {}", messageId, mail.from(), referral.id(),
          referral.companyName());
      return Outcome.REFERRAL;
    } catch (ValidationException e) {
      String fields = e.violations().stream().map(Violation::field).distinct().collect(Collectors.joining(", "));
      try {
        transaction.executeWithoutResult(
            status -> processedMails.record(messageId, box.username(), "invalid: " + fields));
      } catch (DuplicateKeyException duplicate) {
        return Outcome.ALREADY_PROCESSED;
      }
      log.warn("Referral mail {} from {} (subject '{}') is not a valid referral and starts nothing: {}", messageId,
          mail.from(), mail.subject(), e.violations());
      return Outcome.INVALID;
    } catch (DuplicateKeyException e) {
      log.info("Referral mail {} was handled concurrently elsewhere", messageId);
      return Outcome.ALREADY_PROCESSED;
    } catch (RuntimeException e) {
      log.warn("Handling referral mail {} from {} failed; it stays unread for the next poll", messageId,
          mail.from(), e);
      return Outcome.FAILED;
    }
  }

  Optional<ImapMailbox.Settings> mailbox() {
    return ImapMailbox.Settings.resolve(properties.protocol(), properties.host(), properties.port(),
        properties.username(), properties.mailbox(), properties.password(), embeddedServer.getIfAvailable());
  }

  /** Read from the raw headers, not the IMAP envelope, so a malformed sender or subject cannot block a mail. */
  static InboundReferralMail toMail(Message message, String messageId) throws MessagingException {
    String from = null;
    String fromName = null;
    String fromHeader = header(message, "From");
    if (fromHeader != null) {
      try {
        InternetAddress[] addresses = InternetAddress.parseHeader(fromHeader, false);
        if (addresses.length > 0) {
          from = addresses[0].getAddress();
          fromName = addresses[0].getPersonal();
        }
      } catch (AddressException e) {
        from = fromHeader.strip(); // kept as given: validation reports it, the mail is recorded as invalid
      }
    }
    return new InboundReferralMail(messageId, from, fromName, decoded(header(message, "Subject")),
        textOrNull(message, messageId));
  }

  /** The Message-ID, or a stable stand-in from date, sender and subject when a mail has none or a very long one. */
  static String messageId(Message message) throws MessagingException {
    return InboundMailText.messageId(message, MAX_MESSAGE_ID_LENGTH, SyntheticIdDate.DATE_HEADER);
  }

  /** The text/plain part, else the text/html part as text; attachments are never read. */
  private static String textOrNull(Message message, String messageId) {
    return InboundMailText.textOrNull(message, messageId, InboundMailText::htmlToText, log);
  }
}
