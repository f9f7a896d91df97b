package io.partnerflow.mail;

import com.icegreen.greenmail.util.GreenMailUtil;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded mail server's received mail on disk, so its mailboxes survive a restart. Each
 * delivery to one recipient's mailbox is two files named by a sequence number: the raw MIME as
 * received ({@code 000000000042.eml}, readable by any mail client) and its envelope
 * ({@code 000000000042.properties}: the mailbox and the received date), written second and so the
 * mark that the mail is complete. A crash in between leaves an {@code .eml} that is ignored; the
 * SMTP client was not told "250 OK" and sends again.
 *
 * <p>Received dates are strictly increasing, one millisecond apart at least: date order is then
 * delivery order, within and across mailboxes, and the same after a restart (the mailbox page's
 * indexes and the pollers' stand-in Message-IDs depend on both).
 */
final class MailStore {

  private static final Logger log = LoggerFactory.getLogger(MailStore.class);

  static final String MIME_SUFFIX = ".eml";
  static final String ENVELOPE_SUFFIX = ".properties";
  static final String MAILBOX = "mailbox";
  static final String RECEIVED = "received";
  private static final String TEMPORARY_SUFFIX = ".tmp";
  /** Our files: the sequence number, then {@link #MIME_SUFFIX} or {@link #ENVELOPE_SUFFIX}. */
  private static final Pattern FILE_NAME = Pattern.compile("(\\d{12})(\\.eml|\\.properties)");

  /** One stored delivery, read back in sequence order. */
  record StoredMail(long sequence, String mailbox, Instant received, Path mime) {

    /** Parsed as GreenMail parses what SMTP hands it. */
    MimeMessage message() throws IOException {
      try (InputStream in = Files.newInputStream(mime)) {
        return GreenMailUtil.newMimeMessage(in);
      }
    }
  }

  private final Path folder;
  private final Clock clock;
  private long lastSequence;
  private Instant lastReceived = Instant.EPOCH;

  private MailStore(Path folder, Clock clock) {
    this.folder = folder;
    this.clock = clock;
  }

  /**
   * Creates the folder if missing, removes what an interrupted save left, and numbers new mail after
   * every file already in it.
   */
  static MailStore open(Path folder, Clock clock) {
    MailStore store = new MailStore(folder.toAbsolutePath().normalize(), clock);
    try {
      Files.createDirectories(store.folder);
      for (Path file : store.files()) {
        if (file.getFileName().toString().endsWith(TEMPORARY_SUFFIX)) {
          Files.deleteIfExists(file);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot prepare the mail store folder " + store.folder, e);
    }
    for (Path file : store.files()) {
      store.lastSequence = Math.max(store.lastSequence, sequence(file, null).orElse(0));
    }
    return store;
  }

  Path folder() {
    return folder;
  }

  /**
   * Writes one delivery.
   *
   * @return the received date to give the message in the mailbox
   */
  synchronized Instant save(String mailbox, MimeMessage message) throws IOException, MessagingException {
    long sequence = lastSequence + 1;
    Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
    Instant received = now.isAfter(lastReceived) ? now : lastReceived.plusMillis(1);
    Path mime = folder.resolve(name(sequence, MIME_SUFFIX));
    write(mime, message::writeTo);
    Properties envelope = new Properties();
    envelope.setProperty(MAILBOX, mailbox);
    envelope.setProperty(RECEIVED, received.toString());
    write(folder.resolve(name(sequence, ENVELOPE_SUFFIX)), out -> {
      try (Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
        envelope.store(writer, null);
      }
    });
    lastSequence = sequence;
    lastReceived = received;
    return received;
  }

  /**
   * Every complete delivery, oldest first; unreadable envelopes are logged and left out. Later
   * saves get received dates after the newest of them, even should the clock have gone back.
   */
  synchronized List<StoredMail> mails() {
    List<StoredMail> mails = new ArrayList<>();
    for (Path envelope : files()) {
      OptionalLong number = sequence(envelope, ENVELOPE_SUFFIX);
      if (number.isEmpty()) {
        continue;
      }
      long sequence = number.getAsLong();
      Path mime = folder.resolve(name(sequence, MIME_SUFFIX));
      try {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(envelope, StandardCharsets.UTF_8)) {
          properties.load(reader);
        }
        String mailbox = properties.getProperty(MAILBOX);
        String received = properties.getProperty(RECEIVED);
        if (mailbox == null || mailbox.isBlank() || received == null || !Files.isRegularFile(mime)) {
          log.warn("Skipping stored mail {}: its envelope needs '{}' and '{}', and {} must exist", envelope,
              MAILBOX, RECEIVED, mime.getFileName());
          continue;
        }
        StoredMail mail = new StoredMail(sequence, mailbox.strip(), Instant.parse(received.strip()), mime);
        lastReceived = mail.received().isAfter(lastReceived) ? mail.received() : lastReceived;
        mails.add(mail);
      } catch (IOException | IllegalArgumentException | DateTimeParseException e) {
        log.warn("Skipping stored mail {}: {}", envelope, e.toString());
      }
    }
    mails.sort(Comparator.comparingLong(StoredMail::sequence));
    return mails;
  }

  /** The sequence number of one of our files (with the given suffix, or either when null). */
  private static OptionalLong sequence(Path file, String suffix) {
    Matcher name = FILE_NAME.matcher(file.getFileName().toString());
    if (!name.matches() || (suffix != null && !suffix.equals(name.group(2)))) {
      return OptionalLong.empty();
    }
    return OptionalLong.of(Long.parseLong(name.group(1)));
  }

  private List<Path> files() {
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(folder)) {
      entries.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the mail store folder " + folder, e);
    }
    return files;
  }

  @FunctionalInterface
  private interface Content {
    void writeTo(OutputStream out) throws IOException, MessagingException;
  }

  /**
   * Written to a temporary file first and then renamed, so a file under its final name is always
   * whole. Not fsynced: a restart of the application keeps the page cache; only a crash of the
   * machine itself could lose the last mails, as it could the last H2 commits.
   */
  private void write(Path target, Content content) throws IOException, MessagingException {
    Path temporary = Files.createTempFile(folder, target.getFileName().toString(), TEMPORARY_SUFFIX);
    try {
      try (OutputStream out = Files.newOutputStream(temporary)) {
        content.writeTo(out);
      }
      Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }

  private static String name(long sequence, String suffix) {
    return String.format("%012d%s", sequence, suffix);
  }
}
