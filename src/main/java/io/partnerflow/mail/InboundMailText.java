package io.partnerflow.mail;

import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.springframework.web.util.HtmlUtils;

/**
 * Reads what an inbound mail holds, for the pollers: its Message-ID (or a stable stand-in), raw and
 * decoded headers, and its text, where the text is the text/plain part, else the text/html part as
 * text; attachments are never read.
 */
public final class InboundMailText {

  private static final Pattern HIDDEN = Pattern.compile("<(script|style|head|title)\\b.*?</\\1\\s*>",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>|</(p|div|tr|li|h[1-6]|table)\\s*>",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<!--.*?-->|<[^>]*>", Pattern.DOTALL);

  /** The date part of a synthetic Message-ID; each mailbox keeps the one its ids were made with. */
  @FunctionalInterface
  public interface SyntheticIdDate {
    /** The sent (else received) date in epoch milliseconds, empty without one. */
    SyntheticIdDate SENT_OR_RECEIVED_MILLIS = message -> {
      Date date = message.getSentDate() != null ? message.getSentDate() : message.getReceivedDate();
      return date == null ? "" : String.valueOf(date.getTime());
    };
    /** The raw Date header, {@code null} without one. */
    SyntheticIdDate DATE_HEADER = message -> header(message, "Date");

    String of(Message message) throws MessagingException;
  }

  private InboundMailText() {}

  /**
   * The Message-ID, or a stable stand-in: a hash when it is longer than {@code maxLength}, one from
   * date, sender and subject when a mail has none.
   */
  public static String messageId(Message message, int maxLength, SyntheticIdDate date) throws MessagingException {
    String id = header(message, "Message-ID");
    if (id != null && !id.isBlank()) {
      id = id.strip();
      return id.length() <= maxLength ? id : "<sha256-" + sha256(id) + "@partnerflow.local>";
    }
    String basis = date.of(message) + "|" + header(message, "From") + "|" + header(message, "Subject");
    return "<synthetic-" + sha256(basis).substring(0, 40) + "@partnerflow.local>";
  }

  /** All values of a raw header joined by a space, null without one. */
  public static String header(Message message, String name) throws MessagingException {
    String[] values = message.getHeader(name);
    return values == null || values.length == 0 ? null : String.join(" ", values);
  }

  /** A raw header unfolded and with its encoded words decoded; as given when they cannot be. */
  public static String decoded(String header) {
    if (header == null) {
      return null;
    }
    try {
      return MimeUtility.decodeText(MimeUtility.unfold(header));
    } catch (UnsupportedEncodingException e) {
      return header;
    }
  }

  /**
   * The text/plain part, else the text/html part through {@code htmlToText}; attachments are never
   * read.
   */
  public static String text(Part part, UnaryOperator<String> htmlToText) throws MessagingException, IOException {
    String plain = findPart(part, "text/plain");
    if (plain != null) {
      return plain;
    }
    String html = findPart(part, "text/html");
    return html == null ? null : htmlToText.apply(html);
  }

  /**
   * As {@link #text(Part, UnaryOperator)}, but a mail whose body cannot be read gives null, logged
   * on {@code log}, so it still reaches its handler.
   */
  public static String textOrNull(Message message, String messageId, UnaryOperator<String> htmlToText, Logger log) {
    try {
      return text(message, htmlToText);
    } catch (MessagingException | IOException | RuntimeException e) {
      log.warn("Could not read the body of mail {}: {}", messageId, e.toString());
      return null;
    }
  }

  /** Just enough HTML to text: hidden elements dropped, line breaks kept, tags removed, entities unescaped. */
  public static String htmlToText(String html) {
    String text = HIDDEN.matcher(html).replaceAll("");
    text = LINE_BREAK.matcher(text).replaceAll("\n");
    text = TAG.matcher(text).replaceAll("");
    return HtmlUtils.htmlUnescape(text);
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

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
