package io.partnerflow.referral;

import io.partnerflow.mail.EmbeddedMailServer;
import io.partnerflow.referral.ReferralMailParser.InboundReferralMail;
import io.partnerflow.validation.ValidationException;
import io.partnerflow.validation.Violation;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeUtility;
import jakarta.mail.search.FlagTerm;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.HtmlUtils;

/**
 * Reads new mail in the referrals mailbox over IMAP and turns each into a referral
 * ({@link ReferralMailParser} → {@link ReferralIntake#receive}). Table {@code processed_mail} (by
 * Message-ID) guarantees a mail is handled once; the referral, its process and that row commit in
 * one transaction. A mail that fails validation starts nothing but is still recorded, with outcome
 * {@code invalid: <fields>}, logged and marked read: never silently lost, never retried. A mail whose
 * handling fails otherwise stays unread for the next poll.
 *
 * <p>Runs on a schedule ({@link ReferralMailPollingConfiguration}) unless
 * {@code partnerflow.referral.mail.enabled=false}; {@link #pollOnce()} works either way.
 */
@Component
public class ReferralMailPoller {

  private static final Logger log = LoggerFactory.getLogger(ReferralMailPoller.class);
  static final String FOLDER = "INBOX";
  static final int MAX_OUTCOME_LENGTH = 200;
  /** {@code referral.external_reference} holds 200; longer Message-IDs are replaced by a hash. */
  static final int MAX_MESSAGE_ID_LENGTH = 200;

  private static final Pattern HIDDEN = Pattern.compile("<(script|style|head|title)\\b.*?</\\1\\s*>",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>|</(p|div|tr|li|h[1-6]|table)\\s*>",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<!--.*?-->|<[^>]*>", Pattern.DOTALL);

  private final ReferralMailProperties properties;
  private final ReferralMailParser parser;
  private final ReferralIntake intake;
  private final ObjectProvider<EmbeddedMailServer> embeddedServer;
  private final JdbcClient jdbc;
  private final TransactionTemplate transaction;
  private final Clock clock;
  private final AtomicBoolean reportedIdle = new AtomicBoolean();

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
    this.jdbc = jdbc;
    this.transaction = new TransactionTemplate(transactionManager);
    this.clock = clock;
  }

  /** Where the mailbox is, as resolved from the properties and the embedded server. */
  record Mailbox(String protocol, String host, int port, String username, String password) {}

  /** What became of one mail. */
  enum Outcome { REFERRAL, INVALID, ALREADY_PROCESSED, FAILED }

  /**
   * Handles every unread, not yet processed mail once.
   *
   * @return how many mails this poll recorded (referrals received and invalid mails); a mail whose
   *     handling failed is not counted and stays unread for the next poll
   */
  public synchronized int pollOnce() {
    Optional<Mailbox> mailbox = mailbox();
    if (mailbox.isEmpty()) {
      if (reportedIdle.compareAndSet(false, true)) {
        log.info("Not reading referral mails: no IMAP host or mailbox configured");
      }
      return 0;
    }
    Mailbox box = mailbox.get();
    Store store = null;
    Folder inbox = null;
    int recorded = 0;
    try {
      store = session(box).getStore(box.protocol());
      store.connect(box.host(), box.port(), box.username(), box.password());
      inbox = store.getFolder(FOLDER);
      inbox.open(Folder.READ_WRITE);
      Message[] unseen = inbox.search(new FlagTerm(new Flags(Flags.Flag.SEEN), false));
      List<Message> done = new ArrayList<>();
      for (Message message : unseen) {
        Outcome outcome;
        try {
          outcome = handle(message, box);
        } catch (Exception e) {
          log.warn("Could not handle mail #{} in {}; retrying it on the next poll", message.getMessageNumber(),
              box.username(), e);
          outcome = Outcome.FAILED;
        }
        if (outcome != Outcome.FAILED) {
          done.add(message);
        }
        if (outcome == Outcome.REFERRAL || outcome == Outcome.INVALID) {
          recorded++;
        }
      }
      if (!done.isEmpty()) {
        // Should this fail, processed_mail still keeps them from a second handling
        inbox.setFlags(done.toArray(Message[]::new), new Flags(Flags.Flag.SEEN), true);
      }
      return recorded;
    } catch (MessagingException e) {
      log.warn("Could not read the referrals mailbox {} at {}:{}: {}", box.username(), box.host(), box.port(),
          e.toString());
      return recorded;
    } finally {
      close(inbox, store);
    }
  }

  private Outcome handle(Message message, Mailbox box) throws MessagingException {
    String messageId = messageId(message);
    if (isProcessed(messageId)) {
      return Outcome.ALREADY_PROCESSED; // only the \Seen flag was lost, e.g. by a crash in between
    }
    InboundReferralMail mail = toMail(message, messageId);
    NewReferral request = parser.parse(mail);
    try {
      Referral referral = transaction.execute(status -> {
        Referral received = intake.receive(request);
        record(messageId, box.username(), "referral " + received.id());
        return received;
      });
      log.info("Referral mail {} from {}: referral {} for {}", messageId, mail.from(), referral.id(),
          referral.companyName());
      return Outcome.REFERRAL;
    } catch (ValidationException e) {
      String fields = e.violations().stream().map(Violation::field).distinct().collect(Collectors.joining(", "));
      try {
        transaction.executeWithoutResult(status -> record(messageId, box.username(), "invalid: " + fields));
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

  Optional<Mailbox> mailbox() {
    EmbeddedMailServer embedded = embeddedServer.getIfAvailable();
    String host = blankToNull(properties.host());
    if (host == null && embedded != null) {
      host = embedded.host();
    }
    String username = blankToNull(properties.username());
    if (username == null) {
      username = blankToNull(properties.mailbox());
    }
    if (host == null || username == null) {
      return Optional.empty();
    }
    int port = properties.port() > 0 ? properties.port() : embedded != null ? embedded.imapPort() : -1;
    String password = properties.password() == null ? "" : properties.password();
    return Optional.of(new Mailbox(properties.protocol(), host, port, username, password));
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

  private static String decoded(String header) {
    if (header == null) {
      return null;
    }
    try {
      return MimeUtility.decodeText(MimeUtility.unfold(header));
    } catch (UnsupportedEncodingException e) {
      return header;
    }
  }

  /** The Message-ID, or a stable stand-in from date, sender and subject when a mail has none or a very long one. */
  static String messageId(Message message) throws MessagingException {
    String id = header(message, "Message-ID");
    if (id != null && !id.isBlank()) {
      id = id.strip();
      return id.length() <= MAX_MESSAGE_ID_LENGTH ? id : "<sha256-" + sha256(id) + "@partnerflow.local>";
    }
    String basis = header(message, "Date") + "|" + header(message, "From") + "|" + header(message, "Subject");
    return "<synthetic-" + sha256(basis).substring(0, 40) + "@partnerflow.local>";
  }

  /** The text/plain part, else the text/html part as text; attachments are never read. */
  static String text(Part part) throws MessagingException, IOException {
    String plain = findPart(part, "text/plain");
    if (plain != null) {
      return plain;
    }
    String html = findPart(part, "text/html");
    if (html == null) {
      return null;
    }
    String text = HIDDEN.matcher(html).replaceAll("");
    text = LINE_BREAK.matcher(text).replaceAll("\n");
    text = TAG.matcher(text).replaceAll("");
    return HtmlUtils.htmlUnescape(text);
  }

  private static String textOrNull(Message message, String messageId) {
    try {
      return text(message);
    } catch (MessagingException | IOException | RuntimeException e) {
      log.warn("Could not read the body of mail {}: {}", messageId, e.toString());
      return null;
    }
  }

  private static String findPart(Part part, String mimeType) throws MessagingException, IOException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return null;
    }
    if (part.isMimeType(mimeType)) {
      return part.getContent() instanceof String s ? s : null;
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        String found = findPart(multipart.getBodyPart(i), mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static Session session(Mailbox box) {
    String p = "mail." + box.protocol() + ".";
    Properties props = new Properties();
    props.put("mail.store.protocol", box.protocol());
    props.put(p + "connectiontimeout", "10000");
    props.put(p + "timeout", "30000");
    // Reading a body must not mark it \Seen: only a handled mail is marked
    props.put(p + "peek", "true");
    return Session.getInstance(props);
  }

  private boolean isProcessed(String messageId) {
    return jdbc.sql("select count(*) from processed_mail where message_id = ?")
        .param(messageId).query(Integer.class).single() > 0;
  }

  private void record(String messageId, String mailbox, String outcome) {
    jdbc.sql("insert into processed_mail (message_id, mailbox, outcome, processed_at) values (?, ?, ?, ?)")
        .params(messageId, truncate(mailbox, 254), truncate(outcome, MAX_OUTCOME_LENGTH),
            Timestamp.from(clock.instant()))
        .update();
  }

  private static String header(Message message, String name) throws MessagingException {
    String[] values = message.getHeader(name);
    return values == null || values.length == 0 ? null : String.join(" ", values);
  }

  private static void close(Folder inbox, Store store) {
    try {
      if (inbox != null && inbox.isOpen()) {
        inbox.close(false);
      }
    } catch (MessagingException e) {
      log.debug("Closing the referrals folder failed", e);
    }
    try {
      if (store != null) {
        store.close();
      }
    } catch (MessagingException e) {
      log.debug("Closing the referrals mailbox failed", e);
    }
  }

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }

  private static String blankToNull(String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static String truncate(String value, int max) {
    return value == null || value.length() <= max ? value : value.substring(0, max);
  }
}
