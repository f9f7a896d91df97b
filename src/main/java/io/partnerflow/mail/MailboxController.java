package io.partnerflow.mail;

import jakarta.mail.Address;
import jakarta.mail.BodyPart;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.http.HttpStatus;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.server.ResponseStatusException;

/**
 * The local mailbox of the embedded mail server: every mail the app sent, readable in the browser
 * with working links (e.g. invitation links), so the embedded default needs no mail client.
 */
@Controller
@RequestMapping("/mailbox")
@ConditionalOnProperty(prefix = "partnerflow.mail.embedded", name = "enabled", havingValue = "true")
public class MailboxController {

  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneId.systemDefault());
  private static final Pattern HEAD = Pattern.compile("<head(\\s[^>]*)?>", Pattern.CASE_INSENSITIVE);
  /** Links open in a new, unsandboxed tab rather than inside the small frame. */
  private static final String BASE_TARGET = "<base target=\"_blank\">";

  static final int MAX_REPLY_LENGTH = 10_000;

  private final EmbeddedMailServer server;
  private final JavaMailSender sender;

  public MailboxController(EmbeddedMailServer server, JavaMailSender sender) {
    this.server = server;
    this.sender = sender;
  }

  /** One row of the list. {@code index} is the mail's position in arrival order (stable). */
  public record MailSummary(int index, String date, String from, String to, String subject) {}

  /** One mail with its bodies; {@code html} is null for text-only mails. */
  public record MailView(
      int index,
      String date,
      String from,
      String to,
      String subject,
      String messageId,
      String html,
      String text) {}

  @GetMapping
  public String list(Model model) throws MessagingException {
    List<MimeMessage> messages = server.receivedMessages();
    List<MailSummary> mails = new ArrayList<>(messages.size());
    for (int i = messages.size() - 1; i >= 0; i--) {
      MimeMessage m = messages.get(i);
      mails.add(new MailSummary(i, date(m), addresses(m.getFrom()), addresses(m.getAllRecipients()), m.getSubject()));
    }
    model.addAttribute("mails", mails);
    return "mailbox/list";
  }

  @GetMapping("/{index}")
  public String message(@PathVariable int index, @RequestParam(defaultValue = "false") boolean replied, Model model)
      throws MessagingException, IOException {
    MimeMessage m = mail(index);
    String html = findPart(m, "text/html");
    model.addAttribute(
        "mail",
        new MailView(
            index,
            date(m),
            addresses(m.getFrom()),
            addresses(m.getAllRecipients()),
            m.getSubject(),
            m.getMessageID(),
            html == null ? null : withBaseTarget(html),
            findPart(m, "text/plain")));
    model.addAttribute("replyTo", replyAddress(m));
    model.addAttribute("replyFrom", firstRecipient(m));
    model.addAttribute("answerWords", readsAnswers(m));
    model.addAttribute("replied", replied);
    return "mailbox/message";
  }

  /**
   * Answers a mail as its recipient would from a mail client: to its Reply-To, with In-Reply-To and
   * the subject kept. It lets the embedded default try email answers (e.g. "ACEPTO" to an
   * invitation) without any mail client.
   */
  @PostMapping("/{index}/reply")
  public String reply(@PathVariable int index, @RequestParam("text") String text) throws MessagingException {
    if (text.isBlank() || text.length() > MAX_REPLY_LENGTH) {
      throw new ResponseStatusException(HttpStatus.UNPROCESSABLE_ENTITY,
          "text: a reply needs 1 to " + MAX_REPLY_LENGTH + " characters");
    }
    MimeMessage original = mail(index);
    MimeMessage reply = sender.createMimeMessage();
    reply.setFrom(new InternetAddress(firstRecipient(original)));
    reply.setRecipients(Message.RecipientType.TO, replyAddress(original));
    String subject = original.getSubject() == null ? "" : original.getSubject();
    reply.setSubject(subject.regionMatches(true, 0, "RE:", 0, 3) ? subject : "RE: " + subject, "UTF-8");
    if (original.getMessageID() != null) {
      reply.setHeader("In-Reply-To", original.getMessageID());
      reply.setHeader("References", original.getMessageID());
    }
    reply.setText(text, "UTF-8");
    sender.send(reply);
    return "redirect:/mailbox/" + index + "?replied=true";
  }

  private MimeMessage mail(int index) {
    List<MimeMessage> messages = server.receivedMessages();
    if (index < 0 || index >= messages.size()) {
      throw new ResponseStatusException(HttpStatus.NOT_FOUND, "No mail " + index);
    }
    return messages.get(index);
  }

  private static String replyAddress(MimeMessage m) throws MessagingException {
    Address[] replyTo = m.getReplyTo();
    return replyTo == null || replyTo.length == 0 ? null : ((InternetAddress) replyTo[0]).getAddress();
  }

  /**
   * Whether the mail's answers go to a mailbox we read (the invitations' Reply-To), so answer words
   * like ACEPTO mean something. Decided by the header itself: {@code getReplyTo()} falls back to From,
   * and a welcome mail or notice needs no answer word.
   */
  static boolean readsAnswers(MimeMessage m) throws MessagingException {
    return m.getHeader("Reply-To") != null;
  }

  private static String firstRecipient(MimeMessage m) throws MessagingException {
    Address[] recipients = m.getAllRecipients();
    return recipients == null || recipients.length == 0 ? null : ((InternetAddress) recipients[0]).getAddress();
  }



  static String withBaseTarget(String html) {
    Matcher head = HEAD.matcher(html);
    if (head.find()) {
      return html.substring(0, head.end()) + BASE_TARGET + html.substring(head.end());
    }
    return BASE_TARGET + html;
  }

  /** The first inline (non-attachment) part of the given type, depth first. */
  private static String findPart(Part part, String mimeType) throws MessagingException, IOException {
    if (Part.ATTACHMENT.equalsIgnoreCase(part.getDisposition())) {
      return null;
    }
    if (part.isMimeType(mimeType)) {
      Object content = part.getContent();
      return content instanceof String s ? s : null;
    }
    if (part.isMimeType("multipart/*") && part.getContent() instanceof Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        BodyPart child = multipart.getBodyPart(i);
        String found = findPart(child, mimeType);
        if (found != null) {
          return found;
        }
      }
    }
    return null;
  }

  private static String date(MimeMessage m) throws MessagingException {
    Date date = m.getSentDate() != null ? m.getSentDate() : m.getReceivedDate();
    return date == null ? "" : DATE.format(date.toInstant());
  }

  private static String display(Address address) {
    // Decoded, so names like "Ана Иванова" read as written rather than as =?UTF-8?...?=
    return address instanceof InternetAddress internet ? internet.toUnicodeString() : address.toString();
  }

  private static String addresses(Address[] addresses) {
    return addresses == null
        ? ""
        : Arrays.stream(addresses).map(MailboxController::display).collect(Collectors.joining(", "));
  }
}
