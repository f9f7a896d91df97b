package io.partnerflow.invitation;

import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.util.HtmlUtils;

/**
 * Turns a fetched mail into an {@link InboundReply}: its Message-ID (or a stable stand-in), sender,
 * threading headers and text, where the text is the text/plain part, else the text/html part as
 * text without the quoted mail. Reads only what the message holds; the mailbox is
 * {@link ReplyPoller}'s.
 */
final class InboundReplies {

  /** Logs under the poller's name, where reading a reply has always been reported. */
  private static final Logger log = LoggerFactory.getLogger(ReplyPoller.class);
  /** Longer Message-IDs are replaced by a hash: {@code processed_mail.message_id} holds 500. */
  static final int MAX_MESSAGE_ID_LENGTH = 500;

  /** Where mail clients begin the quoted mail in HTML replies. */
  private static final Pattern HTML_QUOTE_START = Pattern.compile(
      "<blockquote\\b|<div[^>]*\\bclass=\"[^\"]*\\b(gmail_quote|moz-cite-prefix|yahoo_quoted)\\b"
          + "|<div[^>]*\\bid=\"(divRplyFwdMsg|appendonsend)\"|<hr\\b",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern HIDDEN = Pattern.compile("<(script|style|head|title)\\b.*?</\\1\\s*>",
      Pattern.CASE_INSENSITIVE | Pattern.DOTALL);
  private static final Pattern LINE_BREAK = Pattern.compile("<br\\s*/?>|</(p|div|tr|li|h[1-6]|table)\\s*>",
      Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<!--.*?-->|<[^>]*>", Pattern.DOTALL);

  private InboundReplies() {}

  /**
   * The reply as matching and reading need it.
   *
   * @param messageId as {@link #messageId(Message)} gave it
   * @param clock the received time of a mail that carries no date at all
   */
  static InboundReply toReply(Message message, String messageId, Clock clock) throws MessagingException {
    return new InboundReply(
        messageId,
        sender(message),
        message.getSubject(),
        header(message, "In-Reply-To"),
        references(header(message, "References")),
        receivedAt(message, clock),
        textOrNull(message, messageId));
  }

  /** The Message-ID, or a stable stand-in from date, sender and subject when a mail has none. */
  static String messageId(Message message) throws MessagingException {
    String id = header(message, "Message-ID");
    if (id != null && !id.isBlank()) {
      id = id.strip();
      return id.length() <= MAX_MESSAGE_ID_LENGTH ? id : "<sha256-" + sha256(id) + "@partnerflow.local>";
    }
    Date date = message.getSentDate() != null ? message.getSentDate() : message.getReceivedDate();
    String basis = (date == null ? "" : date.getTime()) + "|" + header(message, "From") + "|"
        + header(message, "Subject");
    return "<synthetic-" + sha256(basis).substring(0, 40) + "@partnerflow.local>";
  }

  /** The text/plain part, else the text/html part as text; attachments are never read. */
  static String text(Part part) throws MessagingException, IOException {
    String plain = findPart(part, "text/plain");
    if (plain != null) {
      return plain;
    }
    String html = findPart(part, "text/html");
    return html == null ? null : htmlToText(html);
  }

  /** Just enough HTML to text for a reply's first words; quoted parts are cut off. */
  static String htmlToText(String html) {
    Matcher quote = HTML_QUOTE_START.matcher(html);
    String own = quote.find() ? html.substring(0, quote.start()) : html;
    own = HIDDEN.matcher(own).replaceAll("");
    own = LINE_BREAK.matcher(own).replaceAll("\n");
    own = TAG.matcher(own).replaceAll("");
    return HtmlUtils.htmlUnescape(own);
  }

  private static String sender(Message message) throws MessagingException {
    Address[] from;
    try {
      from = message.getFrom();
    } catch (MessagingException e) {
      return header(message, "From"); // unparsable address: keep the raw text for the operator
    }
    if (from == null || from.length == 0) {
      return null;
    }
    return from[0] instanceof InternetAddress address ? address.getAddress() : from[0].toString();
  }

  private static Instant receivedAt(Message message, Clock clock) throws MessagingException {
    Date date = message.getReceivedDate() != null ? message.getReceivedDate() : message.getSentDate();
    return date != null ? date.toInstant() : clock.instant();
  }

  private static String header(Message message, String name) throws MessagingException {
    String[] values = message.getHeader(name);
    return values == null || values.length == 0 ? null : String.join(" ", values);
  }

  private static List<String> references(String header) {
    return header == null || header.isBlank() ? List.of() : Arrays.asList(header.strip().split("\\s+"));
  }

  /** A mail whose body cannot be read still reaches the handler, as one without an answer. */
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

  private static String sha256(String value) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is part of every JVM", e);
    }
  }
}
