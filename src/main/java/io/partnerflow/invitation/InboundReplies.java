package io.partnerflow.invitation;

import static io.partnerflow.mail.InboundMailText.header;

import io.partnerflow.mail.InboundMailText;
import io.partnerflow.mail.InboundMailText.SyntheticIdDate;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

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
    return InboundMailText.messageId(message, MAX_MESSAGE_ID_LENGTH, SyntheticIdDate.SENT_OR_RECEIVED_MILLIS);
  }

  /** The text/plain part, else the text/html part as text; attachments are never read. */
  static String text(Part part) throws MessagingException, IOException {
    return InboundMailText.text(part, InboundReplies::htmlToText);
  }

  /** Just enough HTML to text for a reply's first words; quoted parts are cut off. */
  static String htmlToText(String html) {
    Matcher quote = HTML_QUOTE_START.matcher(html);
    return InboundMailText.htmlToText(quote.find() ? html.substring(0, quote.start()) : html);
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


  private static List<String> references(String header) {
    return header == null || header.isBlank() ? List.of() : Arrays.asList(header.strip().split("\\s+"));
  }

  /** A mail whose body cannot be read still reaches the handler, as one without an answer. */
  private static String textOrNull(Message message, String messageId) {
    return InboundMailText.textOrNull(message, messageId, InboundReplies::htmlToText, log);
  }
}
